#pragma once
#include <nlohmann/json.hpp>

#include "casefile/case_store.h"
#include "casefile/subject_records.h"
#include "subjects/proof_of_life.h"

namespace prov::report {

// A subject's attributed items with their stored findings and release days,
// and its claims, assessed (subjects/proof_of_life.h).
subjects::ProofOfLife proof_of_life_of(const casefile::CaseStore& store, const casefile::SubjectRecord& subject);

// One report section per subject the item is attributed to (proof_of_life_figure.h).
nlohmann::json subject_sections(const casefile::CaseStore& store, int64_t item_id);

// Replaces the "subject" sections of a report with ones made from the case as it is now.
void refresh_subject_sections(const casefile::CaseStore& store, int64_t item_id, nlohmann::json& report);

}  // namespace prov::report

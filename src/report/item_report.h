#pragma once
#include <nlohmann/json.hpp>
#include <optional>

#include "casefile/case_store.h"

namespace prov::report {

// The report of one item as stored: identity, container facts, findings
// (with ids and the examiner's latest decision) and its custody log. With
// `run`, only the findings that analysis run produced.
nlohmann::json item_report(const casefile::CaseStore& store, const casefile::ItemRecord& item,
                           std::optional<int64_t> run = std::nullopt);

// The report of the item's latest analysis run as it was saved (figures and
// analysis sections included), with the examiner's decisions and the custody
// log brought up to date, and the proof-of-life sections of the subjects it
// is attributed to made from the case as it is now. Falls back to item_report() for items never analysed.
nlohmann::json latest_report(const casefile::CaseStore& store, const casefile::ItemRecord& item);

nlohmann::json to_json(const casefile::CustodyEntry& entry);

}  // namespace prov::report

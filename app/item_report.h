#pragma once
#include <nlohmann/json.hpp>
#include <optional>

#include "casefile/case_store.h"

namespace prov::cli {

// The report of one item as stored: identity, container facts, findings
// (with ids and the examiner's latest decision) and its custody log. With
// `run`, only the findings that analysis run produced.
nlohmann::json item_report(const casefile::CaseStore& store, const casefile::ItemRecord& item,
                           std::optional<int64_t> run = std::nullopt);

nlohmann::json to_json(const casefile::CustodyEntry& entry);

}  // namespace prov::cli

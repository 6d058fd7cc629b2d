#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace prov {

enum class FindingStatus { proposed, confirmed, rejected };

// One piece of evidence proposed by an analysis. The examiner confirms or
// rejects it later; analyses only ever produce `proposed` findings.
struct Finding {
  std::string kind;      // date_window, edit, reuse, speaker, metadata, enf, level, ...
  std::string detector;  // the producing method, e.g. "integrity.zero_run"
  double start_s = 0.0;  // span in the item's timeline, seconds
  double end_s = 0.0;
  double strength = 0.0;  // 0 (weak) .. 1 (strong)
  std::string summary;    // one line an examiner can read
  std::string method;     // how it was measured, in words
  nlohmann::json parameters = nlohmann::json::object();  // settings used
  nlohmann::json evidence = nlohmann::json::object();    // measurements
  FindingStatus status = FindingStatus::proposed;
};

using Findings = std::vector<Finding>;

std::string to_string(FindingStatus status);
FindingStatus finding_status_from_string(const std::string& text);  // throws on unknown
nlohmann::json to_json(const Finding& finding);
Finding finding_from_json(const nlohmann::json& value);

}  // namespace prov

#include "core/finding.h"

#include <stdexcept>

namespace prov {

std::string to_string(FindingStatus status) {
  switch (status) {
    case FindingStatus::proposed: return "proposed";
    case FindingStatus::confirmed: return "confirmed";
    case FindingStatus::rejected: return "rejected";
  }
  return "proposed";
}

FindingStatus finding_status_from_string(const std::string& text) {
  if (text == "proposed") return FindingStatus::proposed;
  if (text == "confirmed") return FindingStatus::confirmed;
  if (text == "rejected") return FindingStatus::rejected;
  throw std::invalid_argument("unknown finding status '" + text + "' (use confirmed or rejected)");
}

nlohmann::json to_json(const Finding& f) {
  return {{"kind", f.kind},         {"detector", f.detector},     {"start_s", f.start_s},
          {"end_s", f.end_s},       {"strength", f.strength},     {"summary", f.summary},
          {"method", f.method},     {"parameters", f.parameters}, {"evidence", f.evidence},
          {"status", to_string(f.status)}};
}

Finding finding_from_json(const nlohmann::json& v) {
  Finding f;
  f.kind = v.at("kind").get<std::string>();
  f.detector = v.value("detector", "");
  f.start_s = v.value("start_s", 0.0);
  f.end_s = v.value("end_s", 0.0);
  f.strength = v.value("strength", 0.0);
  f.summary = v.value("summary", "");
  f.method = v.value("method", "");
  f.parameters = v.value("parameters", nlohmann::json::object());
  f.evidence = v.value("evidence", nlohmann::json::object());
  f.status = finding_status_from_string(v.value("status", "proposed"));
  return f;
}

}  // namespace prov

#include "report/item_report.h"

#include "core/terminal_text.h"
#include "provenance_version.h"
#include "report/json_text.h"
#include "report/subject_sections.h"

namespace prov::report {

nlohmann::json to_json(const casefile::CustodyEntry& e) {
  return {{"id", e.id},
          {"at_utc", e.at_utc},
          {"actor", e.actor},
          {"action", e.action},
          {"item_sha256", e.item_sha256},
          {"tool_version", e.tool_version},
          {"parameters", e.parameters},
          {"previous_hash", e.previous_hash},
          {"entry_hash", e.entry_hash}};
}

namespace {
nlohmann::json custody_json(const casefile::CaseStore& store, const casefile::ItemRecord& item) {
  nlohmann::json custody = nlohmann::json::array();
  for (const auto& entry : store.custody_log(item.sha256)) custody.push_back(to_json(entry));
  return custody;
}
}  // namespace

nlohmann::json item_report(const casefile::CaseStore& store, const casefile::ItemRecord& item,
                           std::optional<int64_t> run) {
  nlohmann::json report;
  report["tool"] = {{"name", "provenance"}, {"version", PROVENANCE_VERSION}};
  report["generated_utc"] = casefile::utc_now_iso8601();
  set_text_with_bytes(report, "case_file", store.path());
  report["item"] = {{"id", item.id},
                    {"sha256", item.sha256},
                    {"size_bytes", item.size_bytes},
                    {"intake_utc", item.intake_utc},
                    {"decoded_duration_s", item.decoded_duration_s}};
  set_text_with_bytes(report["item"], "path", item.original_path);
  report["container"] = item.container;
  nlohmann::json findings = nlohmann::json::array();
  for (const auto& stored : run ? store.findings_of_run(*run) : store.findings(item.id)) {
    nlohmann::json f = prov::to_json(stored.finding);
    f["id"] = stored.id;
    f["run"] = stored.custody_id;
    // Who decided what, when and why. Names and notes were typed by people
    // and may be any bytes; the JSON carries them as valid UTF-8.
    nlohmann::json reviews = nlohmann::json::array();
    for (const auto& r : store.reviews(stored.id))
      reviews.push_back({{"id", r.id},
                         {"status", r.status},
                         {"examiner", utf8_or_replacement(r.examiner)},
                         {"note", utf8_or_replacement(r.note)},
                         {"at_utc", r.at_utc}});
    f["reviews"] = std::move(reviews);
    findings.push_back(std::move(f));
  }
  report["findings"] = std::move(findings);
  report["custody"] = custody_json(store, item);
  report["sections"] = nlohmann::json::array();
  report["figures"] = nlohmann::json::array();
  return report;
}

nlohmann::json latest_report(const casefile::CaseStore& store, const casefile::ItemRecord& item) {
  auto saved = store.latest_run_report(item.id);
  if (!saved) return item_report(store, item);
  auto& [run, report] = *saved;
  const nlohmann::json fresh = item_report(store, item, run);
  report["findings"] = fresh["findings"];
  report["custody"] = fresh["custody"];
  report["generated_utc"] = fresh["generated_utc"];
  report["case_file"] = fresh["case_file"];
  if (fresh.contains("case_file_bytes")) report["case_file_bytes"] = fresh["case_file_bytes"];
  // Claims and attributions may have been added since the run.
  refresh_subject_sections(store, item.id, report);
  return report;
}

}  // namespace prov::report

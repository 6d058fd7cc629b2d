#include "report/subject_sections.h"

#include <fmt/format.h>

#include "content/day.h"
#include "core/error.h"
#include "report/proof_of_life_figure.h"

namespace prov::report {

subjects::ProofOfLife proof_of_life_of(const casefile::CaseStore& store, const casefile::SubjectRecord& subject) {
  std::vector<subjects::ItemWindow> windows;
  for (const auto& link : casefile::attributed_items(store, subject.id)) {
    std::optional<content::Day> released;
    if (const auto day = content::parse_iso_range(link.released); day && !link.released.empty()) released = day->earliest;
    const auto item = store.find_item(std::to_string(link.item_id));
    if (!item) throw InputError(fmt::format("{}: subject link {} names a missing item", store.path(), link.id));
    windows.push_back(subjects::item_window(*item, store.findings(item->id), released));
  }
  return subjects::assess_proof_of_life(subject.name, std::move(windows), casefile::claims(store, subject.id));
}

nlohmann::json subject_sections(const casefile::CaseStore& store, int64_t item_id) {
  nlohmann::json out = nlohmann::json::array();
  const auto links = casefile::subjects_of_item(store, item_id);
  if (links.empty()) return out;
  for (const auto& subject : casefile::subjects(store)) {
    bool linked = false;
    for (const auto& l : links) linked |= l.subject_id == subject.id;
    if (!linked) continue;
    out.push_back(proof_of_life_section(proof_of_life_of(store, subject)));
  }
  return out;
}

void refresh_subject_sections(const casefile::CaseStore& store, int64_t item_id, nlohmann::json& report) {
  nlohmann::json sections = nlohmann::json::array();
  if (report.contains("sections") && report["sections"].is_array()) {
    for (const auto& s : report["sections"]) {
      if (!(s.is_object() && s.value("id", "") == "subject")) sections.push_back(s);
    }
  }
  for (auto& s : subject_sections(store, item_id)) sections.push_back(std::move(s));
  report["sections"] = std::move(sections);
}

}  // namespace prov::report

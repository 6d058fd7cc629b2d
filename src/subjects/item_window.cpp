#include "subjects/item_window.h"

#include <fmt/format.h>

#include <cmath>
#include <map>

namespace prov::subjects {
namespace {

using nlohmann::json;

std::optional<content::Day> iso_day(const json& value) {
  if (!value.is_string()) return std::nullopt;
  const auto range = content::parse_iso_range(value.get<std::string>());
  if (!range || range->earliest != range->latest) return std::nullopt;
  return range->earliest;
}

std::string text_of(const json& object, const char* key) {
  if (!object.is_object() || !object.contains(key) || !object[key].is_string()) return "";
  return object[key].get<std::string>();
}

// The bound of a content window named by `set_by` (a bound id).
std::optional<WindowBound> content_bound(const casefile::StoredFinding& s, const char* edge, const char* set_by) {
  const json& evidence = s.finding.evidence;
  const auto day = iso_day(evidence.value(edge, json()));
  if (!day) return std::nullopt;
  WindowBound b;
  b.day = *day;
  b.basis = "content";
  b.finding_id = s.id;
  const std::string id = text_of(evidence, set_by);
  if (evidence.contains("bounds") && evidence["bounds"].is_array()) {
    for (const auto& bound : evidence["bounds"]) {
      const json cite = bound.value("citation", json::object());
      if (text_of(cite, "bound_id") != id) continue;
      b.rule = text_of(cite, "rule");
      b.event_id = text_of(cite, "event");
      b.event_label = text_of(cite, "label");
      if (cite.contains("sources") && cite["sources"].is_array()) {
        for (const auto& src : cite["sources"])
          if (src.is_string()) b.sources.push_back(src.get<std::string>());
      }
      if (cite.contains("quote") && cite["quote"].is_object()) {
        b.quote = text_of(cite["quote"], "sentence");
        if (cite["quote"].contains("start_s") && cite["quote"]["start_s"].is_number()) {
          b.quote_at_s = cite["quote"]["start_s"].get<double>();
        }
      }
      break;
    }
  }
  b.detail = fmt::format("content date window (finding #{}): {} {}", s.id,
                         std::string(edge) == "earliest" ? "recorded on or after" : "recorded on or before",
                         content::day_to_iso(*day));
  return b;
}

std::optional<WindowBound> enf_bound(const casefile::StoredFinding& s, const char* key) {
  const json& evidence = s.finding.evidence;
  if (text_of(evidence, "verdict") != "placed") return std::nullopt;
  if (!evidence.contains(key) || !evidence[key].is_number()) return std::nullopt;
  const double utc = evidence[key].get<double>();
  WindowBound b;
  b.day = static_cast<content::Day>(std::floor(utc / 86400.0));
  b.basis = "enf";
  b.finding_id = s.id;
  b.rule = "ENF placement";
  const std::string grid = text_of(s.finding.parameters, "grid");
  b.event_label = fmt::format("mains-frequency match against grid '{}'", grid);
  b.sources.push_back(fmt::format("ENF reference grid '{}' given to the analysis (--enf-ref)", grid));
  b.detail = fmt::format("ENF placement (finding #{}): {}", s.id, s.finding.summary);
  return b;
}

bool later_than(const std::optional<WindowBound>& candidate, const std::optional<WindowBound>& current) {
  return candidate && (!current || candidate->day > current->day);
}
bool earlier_than(const std::optional<WindowBound>& candidate, const std::optional<WindowBound>& current) {
  return candidate && (!current || candidate->day < current->day);
}

}  // namespace

ItemWindow item_window(const casefile::ItemRecord& item, const std::vector<casefile::StoredFinding>& findings,
                       std::optional<content::Day> released) {
  ItemWindow w;
  w.item_id = item.id;
  w.sha256 = item.sha256;
  w.path = item.original_path;
  std::map<std::string, int64_t> latest_run;
  for (const auto& s : findings) {
    auto& run = latest_run[s.finding.detector];
    run = std::max(run, s.custody_id);
  }
  std::optional<content::Day> content_released;
  for (const auto& s : findings) {
    const auto& f = s.finding;
    if (s.custody_id != latest_run[f.detector]) continue;
    const bool dating = f.detector == "content.date_window" || (f.detector == "enf.match" && f.kind == "date_window");
    // The release date given to the analysis is not what an examiner rejects in a window.
    if (f.detector == "content.date_window") {
      if (const auto r = iso_day(f.parameters.value("released", json()))) content_released = r;
    }
    if (f.status == FindingStatus::rejected) {
      if (dating) w.notes.push_back(fmt::format("finding #{} ({}) was rejected by the examiner: not used", s.id, f.detector));
      continue;
    }
    if (f.detector == "content.date_window") {
      if (!f.evidence.value("consistent", true)) {
        w.notes.push_back(fmt::format("content window (finding #{}) is inconsistent: its bounds contradict each "
                                      "other, so it sets no edge",
                                      s.id));
        continue;
      }
      if (auto lo = content_bound(s, "earliest", "earliest_set_by"); later_than(lo, w.lower)) w.lower = lo;
      if (auto hi = content_bound(s, "latest", "latest_set_by"); earlier_than(hi, w.upper)) w.upper = hi;
    } else if (f.detector == "enf.match" && f.kind == "date_window") {
      if (text_of(f.evidence, "verdict") != "placed") {
        w.notes.push_back(fmt::format("ENF candidate (finding #{}) is not a placement (verdict {}): not a bound", s.id,
                                      text_of(f.evidence, "verdict")));
        continue;
      }
      if (auto lo = enf_bound(s, "earliest_utc"); later_than(lo, w.lower)) w.lower = lo;
      if (auto hi = enf_bound(s, "latest_utc"); earlier_than(hi, w.upper)) w.upper = hi;
    } else if (f.detector == "metadata.creation_time") {
      w.notes.push_back(fmt::format("container creation time {} (finding #{}) is shown but not used as a bound: "
                                    "the writing software sets it and it is trivially edited",
                                    text_of(f.evidence, "creation_time"), s.id));
    }
  }
  w.released = released ? released : content_released;
  if (w.released) {
    WindowBound b;
    b.day = *w.released;
    b.basis = "release";
    b.rule = "release date";
    b.detail = fmt::format("released on {}: recorded no later", content::day_to_iso(*w.released));
    if (earlier_than(b, w.upper)) w.upper = b;
  }
  w.consistent = !(w.lower && w.upper && w.lower->day > w.upper->day);
  if (!w.consistent) {
    w.notes.push_back(fmt::format("the window is inconsistent: recorded on or after {} ({}) but on or before {} ({})",
                                  content::day_to_iso(w.lower->day), w.lower->detail, content::day_to_iso(w.upper->day),
                                  w.upper->detail));
  }
  if (!w.lower) w.notes.push_back("no lower bound on the recording date: the item shows nothing about when the subject was alive");
  return w;
}

std::string edge_text(const std::optional<WindowBound>& bound) {
  return bound ? content::day_to_iso(bound->day) : std::string("open");
}

}  // namespace prov::subjects

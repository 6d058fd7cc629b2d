#include "content/timeline.h"

#include <fmt/format.h>

#include <chrono>
#include <fstream>
#include <map>
#include <set>
#include <stdexcept>

#include "content/jsonl.h"
#include "core/error.h"

namespace prov::content {
namespace {

DayRange parse_range(const nlohmann::json& v, const char* field) {
  if (v.is_string()) {
    const auto range = parse_iso_range(v.get<std::string>());
    if (!range) throw std::runtime_error(fmt::format("\"{}\" is not a date (YYYY[-MM[-DD]])", field));
    return *range;
  }
  if (v.is_object() && v.contains("earliest") && v.contains("latest")) {
    const DayRange a = parse_range(v["earliest"], field);
    const DayRange b = parse_range(v["latest"], field);
    if (b.latest < a.earliest) throw std::runtime_error(fmt::format("\"{}\" latest is before earliest", field));
    return {a.earliest, b.latest};
  }
  throw std::runtime_error(fmt::format("\"{}\" must be a date or {{\"earliest\",\"latest\"}}", field));
}

const std::set<std::string>& known_keys() {
  static const std::set<std::string> keys{"id",     "kind",       "label",   "date",    "start",
                                          "end",    "implies",    "strength", "tense_sensitive",
                                          "entity", "predicates", "cues",    "hijri",   "sources",
                                          "side",   "note",       "region"};
  return keys;
}

void check_keys(const nlohmann::json& v, const std::set<std::string>& allowed) {
  for (auto it = v.begin(); it != v.end(); ++it) {
    if (allowed.count(it.key()) == 0) {
      std::string list;
      for (const auto& k : allowed) list += (list.empty() ? "" : ", ") + k;
      throw std::runtime_error(fmt::format("unknown key \"{}\" (known: {})", it.key(), list));
    }
  }
}

EventKind parse_kind(const std::string& s) {
  if (s == "event") return EventKind::event;
  if (s == "state") return EventKind::state;
  if (s == "death") return EventKind::death;
  if (s == "term") return EventKind::term;
  if (s == "holiday") return EventKind::holiday;
  if (s == "claim") return EventKind::claim;
  throw std::runtime_error("unknown kind '" + s + "' (event, state, death, term, holiday, claim)");
}

Relation parse_relation(const std::string& s) {
  if (s == "after") return Relation::after;
  if (s == "before") return Relation::before;
  if (s == "during") return Relation::during;
  throw std::runtime_error("unknown relation '" + s + "' (after, before, during)");
}

bool parse_strength(const std::string& s) {
  if (s == "hard") return true;
  if (s == "soft") return false;
  throw std::runtime_error("unknown strength '" + s + "' (hard, soft)");
}

void collect_strings(const nlohmann::json& value, std::vector<std::string>& out, const char* field) {
  if (value.is_string()) {
    out.push_back(value.get<std::string>());
  } else if (value.is_array() || value.is_object()) {
    for (const auto& item : value) collect_strings(item, out, field);
  } else {
    throw std::runtime_error(fmt::format("\"{}\" must hold strings", field));
  }
}

void parse_cues(const nlohmann::json& v, std::vector<Cue>& out) {
  if (!v.is_array()) throw std::runtime_error("\"cues\" must be a list");
  for (const auto& c : v) {
    Cue cue;
    if (c.is_string()) {
      cue.text = c.get<std::string>();
    } else if (c.is_object() && c.contains("text") && c["text"].is_string()) {
      check_keys(c, {"text", "relation", "strength"});
      cue.text = c["text"].get<std::string>();
      if (c.contains("relation")) cue.relation = parse_relation(c["relation"].get<std::string>());
      if (c.contains("strength")) cue.hard = parse_strength(c["strength"].get<std::string>());
    } else {
      throw std::runtime_error("each cue must be a string or {\"text\":..}");
    }
    out.push_back(std::move(cue));
  }
}

// {"extends": ID, "cues"/"predicates"/"side"/"sources": ...}
Event parse_extension(const nlohmann::json& v, int line) {
  check_keys(v, {"extends", "cues", "predicates", "entity", "side", "sources", "note"});
  Event e;
  e.line = line;
  if (!v["extends"].is_string() || v["extends"].get<std::string>().empty()) {
    throw std::runtime_error("\"extends\" must name an event id");
  }
  e.id = v["extends"].get<std::string>();
  if (v.contains("predicates")) collect_strings(v["predicates"], e.predicates, "predicates");
  if (v.contains("entity")) collect_strings(v["entity"], e.entities, "entity");
  if (v.contains("cues")) parse_cues(v["cues"], e.cues);
  if (v.contains("side")) collect_strings(v["side"], e.sides, "side");
  if (v.contains("sources")) collect_strings(v["sources"], e.sources, "sources");
  return e;
}

void refuse_future(const DayRange& range, const char* field) {
  if (range.earliest > today()) {
    throw std::runtime_error(fmt::format("\"{}\" {} is after today", field, day_to_iso(range.earliest)));
  }
}

Event parse_event(const nlohmann::json& v, int line) {
  check_keys(v, known_keys());
  Event e;
  e.line = line;
  if (!v.contains("id") || !v["id"].is_string() || v["id"].get<std::string>().empty()) {
    throw std::runtime_error("event needs a string \"id\"");
  }
  e.id = v["id"].get<std::string>();
  e.kind = parse_kind(v.value("kind", "event"));
  e.label = v.value("label", e.id);
  if (e.kind == EventKind::holiday) {
    if (!v.contains("hijri") || !v["hijri"].is_array() || v["hijri"].empty()) {
      throw std::runtime_error("holiday needs \"hijri\": [{\"month\":..,\"from\":..,\"to\":..}]");
    }
    for (const auto& h : v["hijri"]) {
      HijriSpan span{h.at("month").get<int>(), h.value("from", 1), h.value("to", 30)};
      if (span.month < 1 || span.month > 12 || span.from_day < 1 || span.to_day > 30 ||
          span.from_day > span.to_day) {
        throw std::runtime_error("\"hijri\" span out of range");
      }
      e.hijri.push_back(span);
    }
    e.implies = Relation::during;
    e.hard = false;
  } else if (v.contains("date")) {
    e.start = parse_range(v["date"], "date");
    refuse_future(e.start, "date");
  } else if (v.contains("start")) {
    e.start = parse_range(v["start"], "start");
    refuse_future(e.start, "start");
    if (v.contains("end") && !v["end"].is_null()) {
      e.end = parse_range(v["end"], "end");
      if (e.end->latest < e.start.earliest) throw std::runtime_error("\"end\" is before \"start\"");
    }
  } else {
    throw std::runtime_error("event needs \"date\" or \"start\"");
  }
  if (e.kind == EventKind::state) e.implies = Relation::during;
  if (v.contains("implies")) e.implies = parse_relation(v["implies"].get<std::string>());
  if (v.contains("strength")) e.hard = parse_strength(v["strength"].get<std::string>());
  e.tense_sensitive = v.value("tense_sensitive", e.kind == EventKind::event || e.kind == EventKind::state);
  if (v.contains("entity")) collect_strings(v["entity"], e.entities, "entity");
  if (v.contains("predicates")) collect_strings(v["predicates"], e.predicates, "predicates");
  if (!e.predicates.empty() && e.entities.empty()) throw std::runtime_error("\"predicates\" need an \"entity\"");
  if (v.contains("cues")) parse_cues(v["cues"], e.cues);
  if (v.contains("side")) {
    collect_strings(v["side"], e.sides, "side");
  }
  if (e.cues.empty() && e.predicates.empty()) {
    throw std::runtime_error("event '" + e.id + "' has neither \"cues\" nor \"predicates\"");
  }
  if (v.contains("sources")) collect_strings(v["sources"], e.sources, "sources");
  if (e.sources.empty()) throw std::runtime_error("event '" + e.id + "' needs \"sources\"");
  return e;
}

}  // namespace

std::string to_string(EventKind kind) {
  switch (kind) {
    case EventKind::event: return "event";
    case EventKind::state: return "state";
    case EventKind::death: return "death";
    case EventKind::term: return "term";
    case EventKind::holiday: return "holiday";
    case EventKind::claim: return "claim";
  }
  return "event";
}

std::string to_string(Relation relation) {
  switch (relation) {
    case Relation::after: return "after";
    case Relation::before: return "before";
    case Relation::during: return "during";
  }
  return "after";
}

Timeline parse_timeline(std::istream& in, const std::string& source) {
  Timeline t;
  t.source = source;
  std::set<std::string> ids;
  for_each_jsonl_object(in, source, [&](const nlohmann::json& v, int line) {
    if (v.contains("extends")) {
      t.extensions.push_back(parse_extension(v, line));
      t.extensions.back().file = source;
      return;
    }
    Event e = parse_event(v, line);
    e.file = source;
    if (!ids.insert(e.id).second) throw std::runtime_error("duplicate id '" + e.id + "'");
    t.events.push_back(std::move(e));
  });
  return t;
}

Day today() {
  const auto now = std::chrono::system_clock::now();
  return static_cast<Day>(std::chrono::duration_cast<std::chrono::hours>(now.time_since_epoch()).count() / 24);
}

void merge_timeline(Timeline& into, Timeline more) {
  std::map<std::string, std::size_t> at;
  for (std::size_t i = 0; i < into.events.size(); ++i) at.emplace(into.events[i].id, i);
  for (auto& e : more.events) {
    if (const auto it = at.find(e.id); it != at.end()) {
      const Event& first = into.events[it->second];
      throw InputError(fmt::format("{}: line {}: event id '{}' is already defined in {} line {} "
                                   "(use {{\"extends\": \"{}\", ...}} to add to it)",
                                   more.source, e.line, e.id, first.file, first.line, e.id));
    }
    at.emplace(e.id, into.events.size());
    into.events.push_back(std::move(e));
  }
  auto extensions = std::move(into.extensions);
  for (auto& x : more.extensions) extensions.push_back(std::move(x));
  into.extensions.clear();
  for (auto& x : extensions) {
    const auto it = at.find(x.id);
    if (it == at.end()) {
      into.extensions.push_back(std::move(x));  // may name an event of a later file
      continue;
    }
    Event& e = into.events[it->second];
    if (!x.predicates.empty() && e.entities.empty() && x.entities.empty()) {
      throw InputError(fmt::format("{}: line {}: \"predicates\" for '{}', which has no \"entity\"", x.file,
                                   x.line, x.id));
    }
    for (auto& id : x.entities) e.entities.push_back(std::move(id));
    for (auto& p : x.predicates) e.predicates.push_back(std::move(p));
    for (auto& c : x.cues) e.cues.push_back(std::move(c));
    for (auto& s : x.sides) e.sides.push_back(std::move(s));
    for (auto& s : x.sources) e.sources.push_back(std::move(s));
  }
  if (into.source.empty()) {
    into.source = more.source;
  } else if (!more.source.empty()) {
    into.source += ", " + more.source;
  }
}

Timeline load_timelines(const std::vector<std::filesystem::path>& paths) {
  Timeline all;
  for (const auto& p : paths) merge_timeline(all, load_timeline(p));
  if (!all.extensions.empty()) {
    const Event& x = all.extensions.front();
    throw InputError(fmt::format("{}: line {}: \"extends\" names '{}', which no timeline defines", x.file, x.line,
                                 x.id));
  }
  return all;
}

Timeline load_timeline(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(fmt::format("{}: cannot open timeline", path.string()));
  return parse_timeline(in, path.string());
}

}  // namespace prov::content

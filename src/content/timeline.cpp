#include "content/timeline.h"

#include <fmt/format.h>

#include <fstream>
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

EventKind parse_kind(const std::string& s) {
  if (s == "event") return EventKind::event;
  if (s == "state") return EventKind::state;
  if (s == "death") return EventKind::death;
  if (s == "term") return EventKind::term;
  if (s == "holiday") return EventKind::holiday;
  throw std::runtime_error("unknown kind '" + s + "' (event, state, death, term, holiday)");
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

Event parse_event(const nlohmann::json& v, int line) {
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
  } else if (v.contains("start")) {
    e.start = parse_range(v["start"], "start");
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
  e.entity = v.value("entity", "");
  if (v.contains("predicates")) collect_strings(v["predicates"], e.predicates, "predicates");
  if (!e.predicates.empty() && e.entity.empty()) throw std::runtime_error("\"predicates\" need an \"entity\"");
  if (v.contains("cues")) {
    if (!v["cues"].is_array()) throw std::runtime_error("\"cues\" must be a list");
    for (const auto& c : v["cues"]) {
      Cue cue;
      if (c.is_string()) {
        cue.text = c.get<std::string>();
      } else if (c.is_object() && c.contains("text") && c["text"].is_string()) {
        cue.text = c["text"].get<std::string>();
        if (c.contains("relation")) cue.relation = parse_relation(c["relation"].get<std::string>());
        if (c.contains("strength")) cue.hard = parse_strength(c["strength"].get<std::string>());
      } else {
        throw std::runtime_error("each cue must be a string or {\"text\":..}");
      }
      e.cues.push_back(std::move(cue));
    }
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
    Event e = parse_event(v, line);
    if (!ids.insert(e.id).second) throw std::runtime_error("duplicate id '" + e.id + "'");
    t.events.push_back(std::move(e));
  });
  return t;
}

Timeline load_timeline(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(fmt::format("{}: cannot open timeline", path.string()));
  return parse_timeline(in, path.string());
}

}  // namespace prov::content

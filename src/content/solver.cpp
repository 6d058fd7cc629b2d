#include "content/solver.h"

#include <algorithm>
#include <set>

#include "content/hijri.h"

namespace prov::content {
namespace {

constexpr int kMaxSeasonSpanDays = 40 * 366;

void add_conflict(Solution& s, std::set<std::pair<std::string, std::string>>& seen, const std::string& kind,
                  const Bound& lower, const Bound& upper) {
  if (!seen.insert({lower.cite.bound_id, upper.cite.bound_id}).second) return;
  ++s.conflicts_total;
  if (s.conflicts.size() < kMaxConflicts) s.conflicts.push_back({kind, lower, upper});
}

}  // namespace

Solution solve_window(std::vector<Bound> bounds, const std::vector<SeasonCue>& seasons) {
  Solution s;
  s.bounds = std::move(bounds);
  auto& w = s.window;
  const auto& b = s.bounds;
  for (std::size_t i = 0; i < b.size(); ++i) {
    if (!b[i].hard) continue;
    if (b[i].side == Side::lower && (!w.earliest || b[i].day > *w.earliest)) {
      w.earliest = b[i].day;
      w.earliest_by = i;
    }
    if (b[i].side == Side::upper && (!w.latest || b[i].day < *w.latest)) {
      w.latest = b[i].day;
      w.latest_by = i;
    }
  }
  std::set<std::pair<std::string, std::string>> seen;
  if (w.earliest && w.latest && *w.earliest > *w.latest) {
    w.consistent = false;
    for (const auto& bound : b) {
      if (!bound.hard) continue;
      if (bound.side == Side::lower && bound.day > *w.latest) add_conflict(s, seen, "hard", bound, b[*w.latest_by]);
    }
    for (const auto& bound : b) {
      if (!bound.hard) continue;
      if (bound.side == Side::upper && bound.day < *w.earliest) add_conflict(s, seen, "hard", b[*w.earliest_by], bound);
    }
  }
  w.likely_earliest = w.earliest;
  w.likely_latest = w.latest;
  w.likely_earliest_by = w.earliest_by;
  w.likely_latest_by = w.latest_by;
  if (!w.consistent) {
    s.notes.push_back("hard bounds contradict each other; no likely window is given");
    if (s.conflicts_total > s.conflicts.size()) {
      s.notes.push_back(std::to_string(s.conflicts_total) + " contradicting pairs; the first " +
                        std::to_string(s.conflicts.size()) + " are listed");
    }
    return s;
  }
  for (std::size_t i = 0; i < b.size(); ++i) {
    if (b[i].hard) continue;
    if (b[i].side == Side::lower) {
      if (w.latest && b[i].day > *w.latest) {
        add_conflict(s, seen, "soft", b[i], b[*w.latest_by]);
      } else if (!w.likely_earliest || b[i].day > *w.likely_earliest) {
        w.likely_earliest = b[i].day;
        w.likely_earliest_by = i;
      }
    } else {
      if (w.earliest && b[i].day < *w.earliest) {
        add_conflict(s, seen, "soft", b[*w.earliest_by], b[i]);
      } else if (!w.likely_latest || b[i].day < *w.likely_latest) {
        w.likely_latest = b[i].day;
        w.likely_latest_by = i;
      }
    }
  }
  if (w.likely_earliest && w.likely_latest && *w.likely_earliest > *w.likely_latest) {
    add_conflict(s, seen, "soft", b[*w.likely_earliest_by], b[*w.likely_latest_by]);
    s.notes.push_back("soft bounds contradict each other; the likely window falls back to the possible window");
    w.likely_earliest = w.earliest;
    w.likely_latest = w.latest;
    w.likely_earliest_by = w.earliest_by;
    w.likely_latest_by = w.latest_by;
  }
  for (const auto& season : seasons) {
    if (!w.likely_earliest || !w.likely_latest || *w.likely_latest - *w.likely_earliest > kMaxSeasonSpanDays) {
      s.notes.push_back("'" + season.cite.label + "' recurs every year; it narrows the window only once the window is bounded");
      continue;
    }
    const DayRange window{*w.likely_earliest, *w.likely_latest};
    std::vector<DayRange> occurrences;
    for (const auto& span : season.spans) {
      for (const auto& o : hijri_occurrences(span, window)) occurrences.push_back(o);
    }
    if (occurrences.empty()) {
      Bound lower{Side::lower, window.earliest, false, season.cite};
      const Bound& upper = s.bounds[*w.likely_latest_by];
      add_conflict(s, seen, "season", lower, upper);
      continue;
    }
    Day first = occurrences.front().earliest, last = occurrences.front().latest;
    for (const auto& o : occurrences) {
      first = std::min(first, o.earliest);
      last = std::max(last, o.latest);
    }
    if (first > *w.likely_earliest) {
      s.bounds.push_back({Side::lower, first, false, season.cite});
      s.bounds.back().cite.bound_id += "/lower";
      w.likely_earliest = first;
      w.likely_earliest_by = s.bounds.size() - 1;
    }
    if (last < *w.likely_latest) {
      s.bounds.push_back({Side::upper, last, false, season.cite});
      s.bounds.back().cite.bound_id += "/upper";
      w.likely_latest = last;
      w.likely_latest_by = s.bounds.size() - 1;
    }
    if (occurrences.size() > 1) {
      s.notes.push_back("'" + season.cite.label + "' fits " + std::to_string(occurrences.size()) +
                        " occurrences in the window; the likely window spans them all");
    }
  }
  if (s.conflicts_total > s.conflicts.size()) {
    s.notes.push_back(std::to_string(s.conflicts_total) + " contradicting pairs; the first " +
                      std::to_string(s.conflicts.size()) + " are listed");
  }
  return s;
}

nlohmann::json to_json(const Citation& c) {
  nlohmann::json j{{"bound_id", c.bound_id}, {"rule", c.rule},         {"event", c.event_id},
                   {"label", c.label},       {"relation", c.relation}, {"tense", c.tense},
                   {"sources", c.sources}};
  if (c.quote) {
    const Quote& q = *c.quote;
    j["quote"] = {{"segment", q.segment},       {"matched", q.matched},     {"sentence", q.sentence},
                  {"byte_begin", q.byte_begin}, {"byte_end", q.byte_end},   {"char_begin", q.char_begin},
                  {"char_end", q.char_end}};
    if (q.start_s) {
      j["quote"]["start_s"] = *q.start_s;
      j["quote"]["end_s"] = *q.end_s;
    }
  }
  return j;
}

nlohmann::json to_json(const Bound& b) {
  return {{"side", b.side == Side::lower ? "lower" : "upper"},
          {"day", day_to_iso(b.day)},
          {"strength", b.hard ? "hard" : "soft"},
          {"citation", to_json(b.cite)}};
}

nlohmann::json to_json(const Conflict& c) {
  return {{"kind", c.kind}, {"lower", to_json(c.lower)}, {"upper", to_json(c.upper)}};
}

nlohmann::json to_json(const Window& w, const std::vector<Bound>& bounds) {
  auto day = [](const std::optional<Day>& d) -> nlohmann::json {
    return d ? nlohmann::json(day_to_iso(*d)) : nlohmann::json(nullptr);
  };
  auto by = [&](const std::optional<std::size_t>& i) -> nlohmann::json {
    return i ? nlohmann::json(bounds[*i].cite.bound_id) : nlohmann::json(nullptr);
  };
  return {{"earliest", day(w.earliest)},
          {"latest", day(w.latest)},
          {"likely_earliest", day(w.likely_earliest)},
          {"likely_latest", day(w.likely_latest)},
          {"earliest_set_by", by(w.earliest_by)},
          {"latest_set_by", by(w.latest_by)},
          {"likely_earliest_set_by", by(w.likely_earliest_by)},
          {"likely_latest_set_by", by(w.likely_latest_by)},
          {"consistent", w.consistent}};
}

}  // namespace prov::content

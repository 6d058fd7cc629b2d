#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "content/day.h"
#include "content/references.h"
#include "content/timeline.h"

namespace prov::content {

// What one bound rests on: the passage, the event, its sources, the rule.
struct Citation {
  std::string bound_id;  // stable id: the examiner confirms or rejects a bound by it
  std::string rule;
  std::string event_id;
  std::string label;
  std::string tense;
  std::string relation;
  std::vector<std::string> sources;
  std::optional<Quote> quote;  // absent for the release date
};

enum class Side { lower, upper };

struct Bound {
  Side side = Side::lower;
  Day day = 0;
  bool hard = true;
  Citation cite;
};

// A recurring period (Ramadan, an Eid) the passage places the recording in.
struct SeasonCue {
  Citation cite;
  std::vector<HijriSpan> spans;
};

// Two bounds that cannot both hold; `kind` is "hard" (two hard bounds),
// "soft" (a soft bound against another bound), "season" (a greeting with no
// occurrence in the window) or "segments" (two segments dated apart).
struct Conflict {
  std::string kind;
  Bound lower;  // the bound that pushes the date later
  Bound upper;  // the bound that holds it earlier
};

struct Window {
  std::optional<Day> earliest, latest;              // from hard bounds
  std::optional<Day> likely_earliest, likely_latest;  // hard and soft bounds
  std::optional<std::size_t> earliest_by, latest_by, likely_earliest_by, likely_latest_by;
  bool consistent = true;
};

struct Solution {
  Window window;
  std::vector<Bound> bounds;  // the *_by indices point here
  std::vector<Conflict> conflicts;  // at most kMaxConflicts
  std::size_t conflicts_total = 0;  // all pairs found
  std::vector<std::string> notes;
};

constexpr std::size_t kMaxConflicts = 50;

// Hard bounds give the earliest/latest possible days; soft bounds and
// seasons narrow that to a likely window. Contradictions become conflicts.
Solution solve_window(std::vector<Bound> bounds, const std::vector<SeasonCue>& seasons);

nlohmann::json to_json(const Citation& cite);
nlohmann::json to_json(const Bound& bound);
nlohmann::json to_json(const Conflict& conflict);
nlohmann::json to_json(const Window& window, const std::vector<Bound>& bounds);

}  // namespace prov::content

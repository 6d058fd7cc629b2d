#pragma once
#include <filesystem>
#include <istream>
#include <optional>
#include <string>
#include <vector>

#include "content/day.h"

namespace prov::content {

enum class EventKind { event, state, death, term, holiday };
// What a mention implies about the recording date relative to the event.
enum class Relation { after, before, during };

std::string to_string(EventKind kind);
std::string to_string(Relation relation);

// A phrase that names the event. "{mosul}" stands for any alias of the
// gazetteer entry "mosul". A cue with its own relation ignores tense.
struct Cue {
  std::string text;
  std::optional<Relation> relation;
  std::optional<bool> hard;
};

// A span of days in a Hijri month (1-based month and days).
struct HijriSpan {
  int month = 9;
  int from_day = 1;
  int to_day = 30;
};

struct Event {
  std::string id;
  EventKind kind = EventKind::event;
  std::string label;
  DayRange start;                // when it happened / began
  std::optional<DayRange> end;   // states: when it ended
  Relation implies = Relation::after;
  bool hard = true;
  bool tense_sensitive = true;   // false: future/negated wording does not flip it
  std::string entity;            // gazetteer id the predicates attach to
  std::vector<std::string> predicates;  // words that, near the entity, name the event
  std::vector<Cue> cues;
  std::vector<HijriSpan> hijri;  // holidays: recurring spans of the Hijri year
  std::vector<std::string> sources;
  int line = 0;                  // line in the JSONL file
};

struct Timeline {
  std::string source;
  std::vector<Event> events;
};

// JSON Lines, one event per line; blank lines and lines starting with '#'
// are skipped. Throws InputError naming the file and line number.
Timeline parse_timeline(std::istream& in, const std::string& source);
Timeline load_timeline(const std::filesystem::path& path);

}  // namespace prov::content

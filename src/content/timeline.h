#pragma once
#include <filesystem>
#include <istream>
#include <optional>
#include <string>
#include <vector>

#include "content/day.h"

namespace prov::content {

// `claim`: a dated claim (of a death, of an attack); a mention worded as a
// report ("they claim that ...") may bound by it, never by what is claimed.
enum class EventKind { event, state, death, term, holiday, claim };
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
  std::vector<std::string> entities;  // gazetteer ids the predicates attach to (place, people, organisations)
  std::vector<std::string> predicates;  // words that, near the entity, name the event
  std::vector<Cue> cues;
  std::vector<HijriSpan> hijri;  // holidays: recurring spans of the Hijri year
  std::vector<std::string> sources;
  // Control changes (a city taken, liberated, fallen): the side(s) that took
  // control. Such a mention is hard only when the speaker's side is known and
  // is one of them; soft when it is unknown; dropped when it is another.
  std::vector<std::string> sides;
  int line = 0;                  // line in the JSONL file
  std::string file;              // the timeline file it came from
};

struct Timeline {
  std::string source;
  std::vector<Event> events;
  std::vector<Event> extensions;  // {"extends": id} lines, applied by merge_timeline
};

// JSON Lines, one event per line; blank lines and lines starting with '#'
// are skipped. Throws InputError naming the file and line number.
// Keys other than the documented ones are errors, so that a misspelt
// "strength" cannot leave a bound hard. Dates after `today` are refused.
Timeline parse_timeline(std::istream& in, const std::string& source);
Timeline load_timeline(const std::filesystem::path& path);

// Several files in order, merged: a line {"extends": ID, ...} in a later file
// adds cues, predicates, sides and sources to that event without a copy. An
// id defined twice, or an extension of an unknown id, is an error.
Timeline load_timelines(const std::vector<std::filesystem::path>& paths);
void merge_timeline(Timeline& into, Timeline more);

// Today (UTC) as a Day; dates after it are refused in timelines and options.
Day today();

}  // namespace prov::content

#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "content/references.h"
#include "content/solver.h"
#include "content/transcript.h"
#include "core/finding.h"

namespace prov::content {

struct DatingOptions {
  std::optional<Day> released;         // the recording was made on or before this day
  std::optional<Day> died;             // confirmed death of the speaker: a hard upper bound
  std::set<std::string> rejected;      // bound ids the examiner rejected
  std::set<std::string> rejected_events;  // event ids the examiner rejected (every mention of them)
  std::string speaker_side;            // the speaker's side, for events that depend on who acted
  std::vector<Day> death_claims;       // unconfirmed reports of the speaker's death: notes only, never bounds
};

// An editorial insertion ("[Note: ...]", "((...))") left out of dating.
struct EditorialNote {
  int segment = 0;
  std::string text;
};

struct SegmentWindow {
  int segment = 0;
  std::optional<double> start_s, end_s;
  std::size_t references = 0;
  Solution solution;
};

struct DatingResult {
  std::string transcript;  // source file
  std::string format;
  std::size_t segment_count = 0;
  std::vector<Reference> references;  // every candidate mention, dropped ones included
  std::size_t used = 0;               // references that set bounds (not dropped, not rejected)
  std::vector<EditorialNote> editorial;
  Solution overall;
  std::vector<SegmentWindow> segments;       // segments with at least one reference
  std::vector<Conflict> segment_conflicts;   // segments whose windows do not overlap
  std::vector<std::string> rejected;         // rejected ids that matched a bound
};

// Throws InputError when an id in `rejected_events` is not in the index's
// timeline (a typo must not silently keep a bound).
void check_rejected_events(const DatingOptions& options, const ReferenceIndex& index);

// The whole pipeline: references -> bounds -> overall and per-segment windows.
DatingResult date_transcript(const Transcript& transcript, const ReferenceIndex& index,
                             const DatingOptions& options);

nlohmann::json to_json(const DatingResult& result);

// date_window findings (overall, per segment) and inconsistency findings.
Findings to_findings(const DatingResult& result, const nlohmann::json& parameters);

// One line a person can read: "2019-03-23 .. 2019-04-29 (likely ...)".
std::string describe(const Window& window);

}  // namespace prov::content

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
  std::set<std::string> rejected;      // bound ids the examiner rejected
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
  std::vector<Reference> references;
  Solution overall;
  std::vector<SegmentWindow> segments;       // segments with at least one reference
  std::vector<Conflict> segment_conflicts;   // segments whose windows do not overlap
  std::vector<std::string> rejected;         // rejected ids that matched a bound
};

// The whole pipeline: references -> bounds -> overall and per-segment windows.
DatingResult date_transcript(const Transcript& transcript, const ReferenceIndex& index,
                             const DatingOptions& options);

nlohmann::json to_json(const DatingResult& result);

// date_window findings (overall, per segment) and inconsistency findings.
Findings to_findings(const DatingResult& result, const nlohmann::json& parameters);

// One line a person can read: "2019-03-23 .. 2019-04-29 (likely ...)".
std::string describe(const Window& window);

}  // namespace prov::content

#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "enf/reference.h"
#include "enf/trace.h"

namespace prov::enf {

// How a clip is judged against the other positions of the reference. The
// thresholds were tuned on the tuning half of the ENF-WHU references
// (odd-numbered files) with bench/enf_verdict_bench; its measuring half gives
// the error rates in bench/README.md.
struct VerdictOptions {
  // Runner-up RMSE over best RMSE needed to place the clip, by clip length
  // (seconds, log-interpolated between rows): the null is the best RMSE at
  // every other position, which is closer to the best for short clips.
  std::vector<std::pair<double, double>> min_margin = {{60, 2.5}, {120, 1.8}, {300, 1.6}, {600, 1.6}};
  // To be placed, the best position must fit within this many times the
  // extraction's own noise (trace.noise_hz): true positions fit within about
  // 1.5 times, the best position of a clip the reference lacks at 2.5 (1 min)
  // to 13 times (5 min).
  double max_noise_ratio = 2.5;
  // Beyond this many times the noise, the best position is not the clip's time.
  double no_match_noise_ratio = 5.0;
  // Below this margin the best position does not stand out from the others at all.
  double no_match_margin = 1.15;
  double rmse_floor_mhz = 0.1;  // RMSEs are floored here before taking ratios
};

struct MatchOptions {
  std::size_t top = 5;              // candidates reported
  std::size_t rerank_pool = 20;     // separated RMSE minima examined exactly
  double min_coverage = 0.8;        // share of the clip the reference must cover
  double min_confidence = 0.15;     // clip values below this are interpolated over
  std::size_t min_length_s = 30;    // shorter traces are not matched
  double trim_share = 0.1;          // worst-fitting share of values left out of a candidate's RMSE
  VerdictOptions verdict;
};

enum class Verdict { no_match, ambiguous, placed };
const char* verdict_name(Verdict v);

struct MatchCandidate {
  double clip_start_utc = 0;  // UTC (Unix s) of the recording's time 0
  double correlation = 0;     // normalised cross-correlation
  double rmse_mhz = 0;        // offset-free RMS difference over the best-fitting 90% of values
  double offset_mhz = 0;      // mean clip minus reference
  double coverage = 0;        // share of the clip with reference data
};

// How often the verdict `placed` was wrong for clips of about this length:
// measured on the measuring half of the references (clips from times the
// reference does not cover), never used for tuning.
struct FalsePlacementRate {
  double clip_length_s = 0;  // the measured length nearest the clip's
  std::size_t trials = 0;    // uncovered clips measured
  std::size_t placed = 0;    // of them wrongly placed
  double upper_95 = 0;       // one-sided 95% upper bound of the rate
};
FalsePlacementRate false_placement_rate(double clip_length_s);

struct MatchResult {
  std::vector<MatchCandidate> candidates;  // best first (by offset-free RMSE)
  Verdict verdict = Verdict::no_match;
  std::string verdict_reason;       // one line: why this verdict
  // Runner-up RMSE over best RMSE (both floored at rmse_floor_mhz): how far the
  // best position stands out of the best of all other positions. Empty when
  // there is no other position to compare with.
  std::optional<double> margin;
  double required_margin = 0;       // what `placed` needed for this clip length
  double noise_mhz = 0;             // extraction noise of the clip (0: unknown)
  double noise_ratio = 0;           // best RMSE over that noise
  FalsePlacementRate false_placement;
  std::size_t lags_searched = 0;
  std::size_t clip_values = 0;
  std::string note;  // why nothing was matched, when so
};

// Slides the clip trace over the reference (FFT overlap-save, gaps in the
// reference excluded), computing the offset-free RMSE at every position;
// keeps the separated RMSE minima, ranks them, and judges the best against
// the best of all other positions (the null) and against the clip's own
// extraction noise.
MatchResult match_trace(const EnfTrace& clip, const ReferenceSeries& reference, const MatchOptions& options = {});

}  // namespace prov::enf

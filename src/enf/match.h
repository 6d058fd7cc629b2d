#pragma once
#include <cstdint>
#include <vector>

#include "enf/reference.h"
#include "enf/trace.h"

namespace prov::enf {

struct MatchOptions {
  std::size_t top = 5;              // candidates reported
  std::size_t rerank_pool = 20;     // best correlation peaks re-ranked by MSE
  double min_coverage = 0.8;        // share of the clip the reference must cover
  double min_confidence = 0.15;     // clip values below this are interpolated over
  std::size_t min_length_s = 30;    // shorter traces are not matched
};

struct MatchCandidate {
  double clip_start_utc = 0;  // UTC (Unix s) of the recording's time 0
  double correlation = 0;     // normalised cross-correlation
  double rmse_mhz = 0;        // offset-free RMS difference
  double offset_mhz = 0;      // mean clip minus reference
  double coverage = 0;        // share of the clip with reference data
};

struct MatchResult {
  std::vector<MatchCandidate> candidates;  // best first (by offset-free MSE)
  double correlation_margin = 0;  // best minus second correlation
  double rmse_ratio = 0;          // second rmse over best rmse (>1: best stands out)
  std::size_t lags_searched = 0;
  std::size_t clip_values = 0;
  std::string note;  // why nothing was matched, when so
};

// Slides the clip trace over the reference with masked normalised
// cross-correlation (FFT overlap-save, gaps in the reference excluded), keeps
// the separated correlation peaks, and re-ranks them by offset-free MSE.
MatchResult match_trace(const EnfTrace& clip, const ReferenceSeries& reference, const MatchOptions& options = {});

}  // namespace prov::enf

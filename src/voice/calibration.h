#pragma once
#include <vector>

namespace prov::voice {

// One scored comparison with its truth, for calibration and validation.
struct ScoredTrial {
  double score = 0;          // raw back-end score (or a log-likelihood ratio, for metrics)
  double duration_s = 0;     // net speech of the shorter side
  bool same_speaker = false;
};

// Maps a raw score to a natural-log likelihood ratio:
//   llr = offset + scale * score + duration_slope * score * log(duration / 10 s).
// The duration term lets short recordings (less reliable scores) get
// ratios nearer 1 than long ones with the same raw score.
struct Calibration {
  double offset = 0;
  double scale = 1;
  double duration_slope = 0;
  double min_duration_s = 1;   // durations are clamped to the range calibrated on
  double max_duration_s = 60;
  double llr(double score, double duration_s) const;
};

// Prior-weighted logistic regression (same- and different-speaker trials
// weigh half each, so the result is a likelihood ratio, not a posterior),
// solved by Newton's method with a light ridge.
Calibration fit_calibration(const std::vector<ScoredTrial>& trials, bool use_duration = true);

}  // namespace prov::voice

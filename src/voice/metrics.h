#pragma once
#include <string>
#include <vector>

#include "voice/calibration.h"

namespace prov::voice {

// Validation figures of a set of trials whose `score` is a natural-log LR.
struct ValidationMetrics {
  std::size_t same_speaker_trials = 0;
  std::size_t different_speaker_trials = 0;
  double eer = 0;        // equal error rate (0..1), from the ROC convex hull
  double cllr = 0;       // log-likelihood-ratio cost, bits: 0 perfect, 1 uninformative
  double cllr_min = 0;   // Cllr after optimal monotone recalibration (PAV): discrimination loss only
  double max_different_speaker_llr = 0;  // largest natural-log LR of a different-speaker pair
  double min_same_speaker_llr = 0;
};

ValidationMetrics validation_metrics(const std::vector<ScoredTrial>& trials);

// Cllr in bits of natural-log LRs.
double cllr(const std::vector<ScoredTrial>& trials);
// Natural-log LRs after the pool-adjacent-violators fit of the scores (the
// best any monotone calibration could do), in the order given.
std::vector<double> pav_llrs(const std::vector<ScoredTrial>& trials);

// Points of the DET curve: miss and false-alarm rates as the threshold sweeps.
struct ErrorTradeoff {
  std::vector<double> false_alarm, miss, threshold;
};
ErrorTradeoff error_tradeoff(const std::vector<ScoredTrial>& trials);

// The ENFSI (2015) verbal scale for a likelihood ratio, stated for the
// proposition it supports: e.g. "moderate support for the same-speaker
// proposition".
std::string verbal_equivalent(double log10_lr);

}  // namespace prov::voice

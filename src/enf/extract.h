#pragma once
#include "enf/combined_spectrum.h"
#include "enf/trace.h"

namespace prov::enf {

struct TrackingOptions {
  double max_step_hz = 0.04;        // largest plausible change between consecutive values
  double step_penalty = 1.0;        // log-likelihood cost per (step / 0.01 Hz)^2
  double refine_tolerance_hz = 0.02;  // a harmonic's own peak must lie this close to the track
  double min_harmonic_snr = 3.0;    // linear power ratio for a harmonic to count in a frame
};

// ENF trace for one nominal frequency: Viterbi tracking on the SNR-weighted
// combination of harmonics, then per-harmonic sub-bin peaks combined with
// weights k^2 * SNR (the inverse variance of each harmonic's estimate).
EnfTrace extract_trace(const CombinedSpectrum& spectrum, const TrackingOptions& options = {});

}  // namespace prov::enf

#pragma once
#include <vector>

namespace prov::enf {

// An ENF trace: one frequency estimate per step, with a confidence in 0..1.
// Value i describes the analysis window centred at start_s + i * step_s
// (seconds in the signal's own timeline).
struct EnfTrace {
  double nominal_hz = 0.0;
  double start_s = 0.0;
  double step_s = 1.0;
  double window_s = 0.0;
  std::vector<double> frequency_hz;
  std::vector<double> confidence;
  std::vector<int> harmonics;  // harmonics that contributed
  // Typical error of one value (Hz) from the extraction itself: the median
  // over frames of the standard error of the weighted harmonic mean, from how
  // far the harmonics disagree. 0 when unknown (one harmonic, or not extracted).
  double noise_hz = 0.0;

  std::size_t size() const { return frequency_hz.size(); }
  double time_of(std::size_t i) const { return start_s + static_cast<double>(i) * step_s; }
};

}  // namespace prov::enf

#pragma once
#include <vector>

#include "enf/combined_spectrum.h"
#include "enf/trace.h"

namespace prov::enf {

struct EditOptions {
  double phase_rate_hz = 20.0;  // rate of the hum phase sequence
  double smoothing_s = 0.1;     // each of two cascaded boxcars (nulls at multiples of 10 Hz)
  double fit_s = 4.0;           // line fit either side (long: speech passing a harmonic bends the phase for ~1 s)
  double guard_s = 0.1;         // skipped either side (the smoothing ramp)
  double phase_floor_rad = 0.01;  // model error added to the statistical spread
  double threshold = 8.0;       // score above which a discontinuity is reported
  double min_step_deg = 0.0;    // smaller phase steps are not reported (clean hum wanders this much)
  // Large steps are what cuts leave; speech masking the hum lowers their score,
  // so they need only this score.
  double large_step_deg = 60.0;
  double large_step_threshold = 8.0;
  double min_separation_s = 0.3;
};

struct PhaseDiscontinuity {
  double time_s = 0;
  double phase_step_rad = 0;     // at the analysed harmonic, wrapped to (-pi, pi]
  double frequency_step_hz = 0;  // fundamental scale, from the fitted slopes
  double score = 0;
};

struct EditScan {
  int harmonic = 0;              // harmonic whose phase was followed
  std::vector<double> time_s;    // score curve for plots
  std::vector<double> score;     // decision score: step / spread, scaled so that every rule's bar is `threshold`
  std::vector<PhaseDiscontinuity> events;  // score >= threshold, strongest per neighbourhood
  double max_score = 0;
};

// Demodulates the strongest harmonic with the tracked ENF, follows the
// residual phase at `phase_rate_hz`, and at every point compares straight-line
// fits of the phase just before and just after: a deletion or insertion
// leaves a step in phase (and a splice of another session a step in slope).
// The score is the step over its standard error (plus a model-error floor).
EditScan detect_discontinuities(const CombinedSpectrum& spectrum, const EnfTrace& trace, const EditOptions& options = {});

}  // namespace prov::enf

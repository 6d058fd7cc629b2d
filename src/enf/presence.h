#pragma once
#include <string>
#include <vector>

#include "enf/combined_spectrum.h"

namespace prov::enf {

struct PresenceOptions {
  double false_alarm_rate = 1e-3;    // per nominal tested, under the no-hum null
  double stability_hz = 0.025;       // largest change between two independent windows
  double agreement_hz = 0.02;        // harmonics agree when their peaks lie this close
  double min_stable_fraction = 0.5;  // hum is persistent: at least this share of pairs stable
  double min_harmonic_snr = 8.0;     // median peak SNR (linear) for a harmonic to carry hum
  double max_breaks_per_minute = 3.0;  // more phase breaks than this: not continuous hum
  // Grid frequency wanders; a trace steadier than this (or than this many
  // times its own extraction noise) is a constant tone, not mains hum.
  double min_spread_mhz = 1.0;
  double min_spread_over_noise = 3.0;
};

struct HarmonicPresence {
  int harmonic = 0;
  double median_snr_db = 0;
  double agreement = 0;  // share of windows whose peak agrees with the combined peak
  bool carries_hum = false;
};

struct PresenceResult {
  int nominal_hz = 0;
  bool present = false;
  std::size_t pairs = 0;        // disjoint pairs of independent windows
  std::size_t stable_pairs = 0;
  double stable_fraction = 0;
  double null_pair_probability = 0;  // chance of a stable pair with no hum
  double p_value = 1.0;              // binomial tail under that null
  double false_alarm_rate = 0;
  std::vector<HarmonicPresence> harmonics;
  std::string reason;  // one line: why present or not
};

// Narrow-band stability test: in disjoint pairs of half-overlapping windows the
// SNR-weighted harmonic peak must stay within `stability_hz`. Without hum the
// peak position is uniform over the search band, so a pair is stable with a
// known probability and the number of stable pairs is binomial; hum is
// declared when that tail probability is below the false-alarm rate, most
// pairs are stable, and at least one harmonic carries a peak that agrees with
// the combined one. Speech and music move their partials within seconds and
// fail the stability count.
PresenceResult test_presence(const CombinedSpectrum& spectrum, const PresenceOptions& options = {});

// Upper binomial tail P(X >= k) for X ~ Binomial(n, p).
double binomial_tail(std::size_t n, std::size_t k, double p);

}  // namespace prov::enf

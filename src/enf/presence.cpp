#include "enf/presence.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace prov::enf {

double binomial_tail(std::size_t n, std::size_t k, double p) {
  if (k == 0) return 1.0;
  if (k > n) return 0.0;
  if (p <= 0) return 0.0;
  if (p >= 1) return 1.0;
  double total = 0.0;
  for (std::size_t i = k; i <= n; ++i) {
    const double log_term = std::lgamma(n + 1.0) - std::lgamma(i + 1.0) - std::lgamma(n - i + 1.0) +
                            i * std::log(p) + (n - i) * std::log1p(-p);
    total += std::exp(log_term);
  }
  return std::min(1.0, total);
}


PresenceResult test_presence(const CombinedSpectrum& s, const PresenceOptions& o) {
  PresenceResult r;
  r.nominal_hz = s.nominal_hz();
  r.false_alarm_rate = o.false_alarm_rate;
  const auto& spec = s.spectrogram();
  const auto spacing = static_cast<std::size_t>(
      std::max(1.0, std::round(spec.options().window_s / 2.0 / spec.options().hop_s)));
  std::vector<std::size_t> windows;
  for (std::size_t f = 0; f < s.frames(); f += spacing) windows.push_back(f);

  // Peaks refined below the bin spacing (the grid follows bin values, so its
  // own maximum sits on a bin of the dominant harmonic).
  std::size_t dominant = 0;
  for (std::size_t h = 1; h < s.harmonic_count(); ++h)
    if (s.weight(h) > s.weight(dominant)) dominant = h;
  auto refined = [&](std::size_t h, std::size_t f, double around) {
    CombinedSpectrum::Peak peak;
    return s.refine(h, f, around, 0.0, peak) ? peak.deviation_hz : around;
  };
  // One pass over the windows in time order (the spectrogram is computed tile by tile).
  std::vector<double> combined_peak(windows.size());
  std::vector<std::vector<double>> harmonic_peak(s.harmonic_count(), std::vector<double>(windows.size()));
  std::vector<float> combined;
  for (std::size_t i = 0; i < windows.size(); ++i) {
    s.combine(windows[i], combined);
    const auto g = static_cast<std::size_t>(std::max_element(combined.begin(), combined.end()) - combined.begin());
    combined_peak[i] = refined(dominant, windows[i], s.deviation(g));
    for (std::size_t h = 0; h < s.harmonic_count(); ++h)
      harmonic_peak[h][i] = refined(h, windows[i], s.deviation(s.harmonic_peak(h, windows[i])));
  }
  for (std::size_t i = 0; i + 1 < windows.size(); i += 2) {
    ++r.pairs;
    if (std::abs(combined_peak[i] - combined_peak[i + 1]) <= o.stability_hz) ++r.stable_pairs;
  }
  // Two independent uniform peaks over the band lie within stability_hz of each other with this chance.
  const double u = std::min(1.0, o.stability_hz / (2 * s.spectrogram().options().max_deviation_hz));
  r.null_pair_probability = 1.0 - (1.0 - u) * (1.0 - u);
  r.p_value = binomial_tail(r.pairs, r.stable_pairs, r.null_pair_probability);
  r.stable_fraction = r.pairs ? static_cast<double>(r.stable_pairs) / static_cast<double>(r.pairs) : 0.0;

  bool any_carrier = false;
  std::size_t carriers = 0;
  int lowest_carrier = 0;
  for (std::size_t h = 0; h < s.harmonic_count(); ++h) {
    HarmonicPresence hp;
    hp.harmonic = s.harmonic(h);
    hp.median_snr_db = 10.0 * std::log10(std::max(s.median_peak_snr(h), 1e-12));
    std::size_t agree = 0;
    for (std::size_t i = 0; i < windows.size(); ++i)
      if (std::abs(harmonic_peak[h][i] - combined_peak[i]) <= o.agreement_hz) ++agree;
    hp.agreement = windows.empty() ? 0.0 : static_cast<double>(agree) / static_cast<double>(windows.size());
    hp.carries_hum = hp.agreement >= 0.5 && s.median_peak_snr(h) >= o.min_harmonic_snr;
    any_carrier = any_carrier || hp.carries_hum;
    if (hp.carries_hum) {
      if (carriers++ == 0) lowest_carrier = hp.harmonic;
    }
    r.harmonics.push_back(hp);
  }

  if (r.pairs == 0) {
    r.reason = "too short for the presence test (needs two independent windows)";
  } else if (r.p_value > o.false_alarm_rate) {
    r.reason = fmt::format("{} of {} window pairs stable at {} Hz: not more than chance (p = {:.2g})", r.stable_pairs,
                           r.pairs, r.nominal_hz, r.p_value);
  } else if (r.stable_fraction < o.min_stable_fraction) {
    r.reason = fmt::format("only {:.0f}% of window pairs stable at {} Hz: narrow-band energy is not persistent",
                           100 * r.stable_fraction, r.nominal_hz);
  } else if (!any_carrier) {
    r.reason = fmt::format("no harmonic of {} Hz carries a strong peak that agrees with the others", r.nominal_hz);
  } else if (carriers == 1 && lowest_carrier > 2) {
    r.reason = fmt::format("only harmonic {} of {} Hz carries a stable peak; mains hum shows at the fundamental, the "
                           "second harmonic, or several harmonics that agree",
                           lowest_carrier, r.nominal_hz);
  } else {
    r.present = true;
    std::string list;
    for (const auto& hp : r.harmonics)
      if (hp.carries_hum) list += fmt::format("{}{}", list.empty() ? "" : ",", hp.harmonic);
    r.reason = fmt::format("{} Hz hum: {} of {} window pairs stable (p = {:.2g}), harmonics {}", r.nominal_hz,
                           r.stable_pairs, r.pairs, r.p_value, list);
  }
  return r;
}

}  // namespace prov::enf

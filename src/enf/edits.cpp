#include "enf/edits.h"

#include <algorithm>
#include <cmath>
#include <complex>
#include <numbers>

namespace prov::enf {
namespace {

struct LineFit {
  double intercept = 0, slope = 0, sse = 0, leverage = 0;  // leverage: var(intercept) / sigma^2
  std::size_t n = 0;
};

// Least-squares line through (x, y); x measured from the candidate point.
LineFit fit_line(const double* x, const double* y, std::size_t n) {
  LineFit f;
  f.n = n;
  double mx = 0, my = 0;
  for (std::size_t i = 0; i < n; ++i) mx += x[i], my += y[i];
  mx /= static_cast<double>(n), my /= static_cast<double>(n);
  double sxx = 0, sxy = 0;
  for (std::size_t i = 0; i < n; ++i) sxx += (x[i] - mx) * (x[i] - mx), sxy += (x[i] - mx) * (y[i] - my);
  f.slope = sxx > 0 ? sxy / sxx : 0;
  f.intercept = my - f.slope * mx;
  for (std::size_t i = 0; i < n; ++i) {
    const double e = y[i] - (f.intercept + f.slope * x[i]);
    f.sse += e * e;
  }
  f.leverage = 1.0 / static_cast<double>(n) + (sxx > 0 ? mx * mx / sxx : 0);
  return f;
}

double wrap(double phase) {
  return phase - 2 * std::numbers::pi * std::round(phase / (2 * std::numbers::pi));
}

}  // namespace

EditScan detect_discontinuities(const CombinedSpectrum& s, const EnfTrace& trace, const EditOptions& o) {
  EditScan scan;
  const auto& spec = s.spectrogram();
  if (trace.size() == 0 || s.harmonic_count() == 0) return scan;
  // The harmonic with the best median SNR among those the trace used.
  std::size_t best = 0;
  double best_snr = -1;
  for (std::size_t h = 0; h < s.harmonic_count(); ++h) {
    const bool used = std::find(trace.harmonics.begin(), trace.harmonics.end(), s.harmonic(h)) != trace.harmonics.end();
    if ((used || trace.harmonics.empty()) && s.median_peak_snr(h) > best_snr) best_snr = s.median_peak_snr(h), best = h;
  }
  const int k = s.harmonic(best);
  scan.harmonic = k;

  const auto& x = spec.decimated();
  const double rate = spec.analysis_rate();
  const std::size_t n = x.size();
  // Demodulate with the phase of the tracked frequency (held at the ends).
  std::vector<std::complex<double>> prefix(n + 1);
  double theta = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const double t = static_cast<double>(i) / rate;
    const double pos = std::clamp((t - trace.start_s) / trace.step_s, 0.0, static_cast<double>(trace.size() - 1));
    const auto j = std::min(static_cast<std::size_t>(pos), trace.size() - 1);
    const double frac = pos - static_cast<double>(j);
    const double f = j + 1 < trace.size() ? (1 - frac) * trace.frequency_hz[j] + frac * trace.frequency_hz[j + 1]
                                          : trace.frequency_hz[j];
    prefix[i + 1] = prefix[i] + static_cast<double>(x[i]) * std::polar(1.0, -theta);
    theta += 2 * std::numbers::pi * k * f / rate;
    if (theta > 1e6) theta = std::fmod(theta, 2 * std::numbers::pi);
  }
  // Two cascaded boxcars = a triangle; evaluated at phase_rate_hz.
  const auto box = std::max<std::size_t>(1, static_cast<std::size_t>(std::lround(o.smoothing_s * rate)));
  const double step = rate / o.phase_rate_hz;
  std::vector<double> times, phase;
  std::vector<std::complex<double>> boxed(n > box ? n - box + 1 : 0);
  for (std::size_t i = 0; i < boxed.size(); ++i) boxed[i] = prefix[i + box] - prefix[i];
  for (double centre = static_cast<double>(box); centre + static_cast<double>(box) < static_cast<double>(n); centre += step) {
    const auto c = static_cast<std::size_t>(centre);
    std::complex<double> acc = 0;
    for (std::size_t i = c + 1 - box; i <= c; ++i) acc += boxed[i];
    times.push_back(static_cast<double>(c) / rate);
    phase.push_back(std::arg(acc));
  }
  for (std::size_t i = 1; i < phase.size(); ++i) phase[i] = phase[i - 1] + wrap(phase[i] - phase[i - 1]);

  const auto fit_n = static_cast<std::size_t>(std::lround(o.fit_s * o.phase_rate_hz));
  const auto guard_n = static_cast<std::size_t>(std::lround(o.guard_s * o.phase_rate_hz));
  if (phase.size() < 2 * (fit_n + guard_n) + 1 || fit_n < 3) return scan;
  std::vector<double> xl(fit_n), yl(fit_n), xr(fit_n), yr(fit_n);
  for (std::size_t m = fit_n + guard_n; m + fit_n + guard_n < phase.size(); ++m) {
    for (std::size_t i = 0; i < fit_n; ++i) {
      const std::size_t left = m - guard_n - fit_n + i, right = m + guard_n + i;
      xl[i] = times[left] - times[m], yl[i] = phase[left];
      xr[i] = times[right] - times[m], yr[i] = phase[right];
    }
    const LineFit a = fit_line(xl.data(), yl.data(), fit_n), b = fit_line(xr.data(), yr.data(), fit_n);
    const double sigma2 = (a.sse + b.sse) / static_cast<double>(2 * fit_n - 4);
    const double step_rad = wrap(b.intercept - a.intercept);
    const double spread = std::sqrt(sigma2 * (a.leverage + b.leverage) + o.phase_floor_rad * o.phase_floor_rad);
    const double score = std::abs(step_rad) / spread;
    scan.time_s.push_back(times[m]);
    scan.score.push_back(score);
    scan.max_score = std::max(scan.max_score, score);
    if (score >= o.threshold) {
      PhaseDiscontinuity d;
      d.time_s = times[m];
      d.phase_step_rad = step_rad;
      d.frequency_step_hz = (b.slope - a.slope) / (2 * std::numbers::pi * k);
      d.score = score;
      scan.events.push_back(d);
    }
  }
  // Keep the strongest event in each neighbourhood.
  std::sort(scan.events.begin(), scan.events.end(), [](const auto& p, const auto& q) { return p.score > q.score; });
  std::vector<PhaseDiscontinuity> kept;
  for (const auto& e : scan.events) {
    const bool near = std::any_of(kept.begin(), kept.end(),
                                  [&](const auto& q) { return std::abs(q.time_s - e.time_s) < o.min_separation_s; });
    if (!near) kept.push_back(e);
  }
  std::sort(kept.begin(), kept.end(), [](const auto& p, const auto& q) { return p.time_s < q.time_s; });
  scan.events = std::move(kept);
  return scan;
}

}  // namespace prov::enf

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

// Line with a common slope and a step at x = 0: y = a + b x + s [x >= 0].
// Returns the step, its variance factor ((X'X)^-1 for s) and the residual sum of squares.
struct StepFit {
  double step = 0, leverage = 0, sse = 0;
};

StepFit fit_step(const std::vector<double>& xl, const std::vector<double>& yl, const std::vector<double>& xr,
                 const std::vector<double>& yr) {
  // Normal equations for (a, b, s).
  double n = 0, sx = 0, sxx = 0, nr = 0, sxr = 0, sy = 0, sxy = 0, syr = 0;
  auto add = [&](double x, double y, bool right) {
    n += 1, sx += x, sxx += x * x, sy += y, sxy += x * y;
    if (right) nr += 1, sxr += x, syr += y;
  };
  for (std::size_t i = 0; i < xl.size(); ++i) add(xl[i], yl[i], false);
  for (std::size_t i = 0; i < xr.size(); ++i) add(xr[i], yr[i], true);
  const double m[3][3] = {{n, sx, nr}, {sx, sxx, sxr}, {nr, sxr, nr}};
  const double det = m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0]) +
                     m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
  StepFit f;
  if (std::abs(det) < 1e-12) return f;
  // Row s of the inverse (cofactors of the third column, transposed).
  const double inv_s[3] = {(m[1][0] * m[2][1] - m[1][1] * m[2][0]) / det, -(m[0][0] * m[2][1] - m[0][1] * m[2][0]) / det,
                           (m[0][0] * m[1][1] - m[0][1] * m[1][0]) / det};
  const double inv_a[3] = {(m[1][1] * m[2][2] - m[1][2] * m[2][1]) / det, -(m[0][1] * m[2][2] - m[0][2] * m[2][1]) / det,
                           (m[0][1] * m[1][2] - m[0][2] * m[1][1]) / det};
  const double inv_b[3] = {-(m[1][0] * m[2][2] - m[1][2] * m[2][0]) / det, (m[0][0] * m[2][2] - m[0][2] * m[2][0]) / det,
                           -(m[0][0] * m[1][2] - m[0][2] * m[1][0]) / det};
  const double rhs[3] = {sy, sxy, syr};
  const double a = inv_a[0] * rhs[0] + inv_a[1] * rhs[1] + inv_a[2] * rhs[2];
  const double b = inv_b[0] * rhs[0] + inv_b[1] * rhs[1] + inv_b[2] * rhs[2];
  f.step = inv_s[0] * rhs[0] + inv_s[1] * rhs[1] + inv_s[2] * rhs[2];
  f.leverage = inv_s[2];
  for (std::size_t i = 0; i < xl.size(); ++i) f.sse += std::pow(yl[i] - a - b * xl[i], 2);
  for (std::size_t i = 0; i < xr.size(); ++i) f.sse += std::pow(yr[i] - a - b * xr[i] - f.step, 2);
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

  const SampleSource& source = spec.samples();
  const double rate = spec.analysis_rate();
  const std::size_t n = source.size();
  std::vector<float> block;  // the hum band is read a block at a time
  std::size_t block_start = 0;
  // Demodulate with the phase of the tracked frequency (held at the ends),
  // smooth with two cascaded boxcars (running sums, so memory stays small on
  // long recordings) and keep one complex value per 1 / phase_rate_hz.
  const auto box = std::max<std::size_t>(1, static_cast<std::size_t>(std::lround(o.smoothing_s * rate)));
  const double step = rate / o.phase_rate_hz;
  std::vector<double> times, phase;
  std::vector<std::complex<double>> z_ring(box), s1_ring(box);
  std::complex<double> s1 = 0, s2 = 0;
  double theta = 0;
  double next_centre = static_cast<double>(box);
  for (std::size_t i = 0; i < n; ++i) {
    if (i == block_start + block.size()) {
      block_start = i;
      block.resize(std::min<std::size_t>(1 << 16, n - i));
      source.read(i, block.size(), block.data());
    }
    const double t = static_cast<double>(i) / rate;
    const double pos = std::clamp((t - trace.start_s) / trace.step_s, 0.0, static_cast<double>(trace.size() - 1));
    const auto j = std::min(static_cast<std::size_t>(pos), trace.size() - 1);
    const double frac = pos - static_cast<double>(j);
    const double f = j + 1 < trace.size() ? (1 - frac) * trace.frequency_hz[j] + frac * trace.frequency_hz[j + 1]
                                          : trace.frequency_hz[j];
    const std::complex<double> z = static_cast<double>(block[i - block_start]) * std::polar(1.0, -theta);
    theta += 2 * std::numbers::pi * k * f / rate;
    if (theta > 1e6) theta = std::fmod(theta, 2 * std::numbers::pi);
    s1 += z - z_ring[i % box];
    z_ring[i % box] = z;
    s2 += s1 - s1_ring[i % box];
    s1_ring[i % box] = s1;
    // s2 now sums s1 over [i - box + 1, i]: the triangle centred near i - box + 1.
    if (i + 1 < 2 * box) continue;
    const std::size_t centre = i + 1 - box;
    if (static_cast<double>(centre) + static_cast<double>(box) >= static_cast<double>(n)) break;
    if (static_cast<double>(centre) >= next_centre) {
      times.push_back(static_cast<double>(centre) / rate);
      phase.push_back(std::arg(s2));
      next_centre += step;
    }
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
    const StepFit common = fit_step(xl, yl, xr, yr);
    const double sigma2 = common.sse / static_cast<double>(2 * fit_n - 3);
    const double step_rad = wrap(common.step);
    const double spread = std::sqrt(sigma2 * common.leverage + o.phase_floor_rad * o.phase_floor_rad);
    const double step_deg = std::abs(step_rad) * 180 / std::numbers::pi;
    double score = std::abs(step_rad) / spread;
    if (step_deg < o.min_step_deg) score = std::min(score, o.threshold * step_deg / std::max(o.min_step_deg, 1e-9) * 0.999);
    else if (step_deg >= o.large_step_deg) score *= o.threshold / o.large_step_threshold;
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
  // The score stays high while a step lies inside either fit: one break per fit length.
  const double separation = std::max(o.min_separation_s, o.fit_s);
  std::vector<PhaseDiscontinuity> kept;
  for (const auto& e : scan.events) {
    const bool near = std::any_of(kept.begin(), kept.end(),
                                  [&](const auto& q) { return std::abs(q.time_s - e.time_s) < separation; });
    if (!near) kept.push_back(e);
  }
  std::sort(kept.begin(), kept.end(), [](const auto& p, const auto& q) { return p.time_s < q.time_s; });
  scan.events = std::move(kept);
  return scan;
}

}  // namespace prov::enf

#include "enf/extract.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <cmath>
#include <limits>
#include <utility>

#include "core/error.h"

namespace prov::enf {
namespace {

// Maps the summed SNR of the contributing harmonics (linear) to 0..1:
// 8 dB and below is no confidence, 23 dB and above is full confidence.
double confidence_from_snr(double snr) {
  if (snr <= 0) return 0.0;
  return std::clamp((10.0 * std::log10(snr) - 8.0) / 15.0, 0.0, 1.0);
}

std::vector<std::size_t> viterbi_track(const CombinedSpectrum& s, const TrackingOptions& o) {
  const std::size_t frames = s.frames(), grid = s.grid_size();
  const auto reach = static_cast<std::ptrdiff_t>(std::ceil(o.max_step_hz / s.grid_step()));
  std::vector<float> penalty(static_cast<std::size_t>(2 * reach + 1));
  for (std::ptrdiff_t d = -reach; d <= reach; ++d) {
    const double step = d * s.grid_step() / 0.01;
    penalty[static_cast<std::size_t>(d + reach)] = static_cast<float>(o.step_penalty * step * step);
  }
  // Back pointers as steps (at most `reach` grid points): one byte per frame and grid point.
  if (reach > std::numeric_limits<int8_t>::max())
    throw InputError(fmt::format("ENF: a largest step of {} Hz is beyond what tracking allows", o.max_step_hz));
  std::vector<float> score(grid), next(grid), combined;
  std::vector<int8_t> back(frames * grid);
  s.combine(0, combined);
  for (std::size_t g = 0; g < grid; ++g) score[g] = std::log(combined[g] + 1e-3f);
  for (std::size_t f = 1; f < frames; ++f) {
    s.combine(f, combined);
    for (std::size_t g = 0; g < grid; ++g) {
      float best = -std::numeric_limits<float>::infinity();
      std::size_t from = g;
      const std::ptrdiff_t lo = std::max<std::ptrdiff_t>(0, static_cast<std::ptrdiff_t>(g) - reach);
      const std::ptrdiff_t hi = std::min<std::ptrdiff_t>(static_cast<std::ptrdiff_t>(grid) - 1, static_cast<std::ptrdiff_t>(g) + reach);
      for (std::ptrdiff_t p = lo; p <= hi; ++p) {
        const float v = score[static_cast<std::size_t>(p)] - penalty[static_cast<std::size_t>(p - static_cast<std::ptrdiff_t>(g) + reach)];
        if (v > best) {
          best = v;
          from = static_cast<std::size_t>(p);
        }
      }
      next[g] = best + std::log(combined[g] + 1e-3f);
      back[f * grid + g] = static_cast<int8_t>(static_cast<std::ptrdiff_t>(from) - static_cast<std::ptrdiff_t>(g));
    }
    std::swap(score, next);
  }
  std::vector<std::size_t> path(frames);
  path[frames - 1] = static_cast<std::size_t>(std::max_element(score.begin(), score.end()) - score.begin());
  for (std::size_t f = frames - 1; f > 0; --f)
    path[f - 1] = static_cast<std::size_t>(static_cast<std::ptrdiff_t>(path[f]) + back[f * grid + path[f]]);
  return path;
}

}  // namespace

EnfTrace extract_trace(const CombinedSpectrum& s, const TrackingOptions& o) {
  const auto& spec = s.spectrogram();
  EnfTrace trace;
  trace.nominal_hz = s.nominal_hz();
  trace.start_s = spec.frame_centre_s(0);
  trace.step_s = spec.options().hop_s;
  trace.window_s = spec.options().window_s;
  const std::size_t frames = s.frames();
  trace.frequency_hz.resize(frames);
  trace.confidence.resize(frames);
  if (frames == 0 || s.harmonic_count() == 0) return trace;
  const auto path = viterbi_track(s, o);
  std::vector<int> used_count(s.harmonic_count(), 0);
  std::vector<double> mean_variance;  // per frame with two or more harmonics
  std::vector<std::pair<double, double>> used;  // (deviation, weight) of this frame's harmonics
  for (std::size_t f = 0; f < frames; ++f) {
    const double tracked = s.deviation(path[f]);
    double weighted = 0.0, weight_sum = 0.0, snr_sum = 0.0;
    used.clear();
    for (std::size_t h = 0; h < s.harmonic_count(); ++h) {
      CombinedSpectrum::Peak peak;
      if (!s.refine(h, f, tracked, o.refine_tolerance_hz, peak) || peak.snr < o.min_harmonic_snr) continue;
      const double k = s.harmonic(h);
      const double w = k * k * peak.snr;
      weighted += w * peak.deviation_hz;
      weight_sum += w;
      snr_sum += peak.snr;
      used.emplace_back(peak.deviation_hz, w);
      ++used_count[h];
    }
    const double mean = weight_sum > 0 ? weighted / weight_sum : tracked;
    trace.frequency_hz[f] = s.nominal_hz() + mean;
    trace.confidence[f] = weight_sum > 0 ? confidence_from_snr(snr_sum) : 0.0;
    if (used.size() >= 2) {
      // Weights are inverse variances up to one common scale, estimated from the residuals.
      double ss = 0.0;
      for (const auto& [d, w] : used) ss += w * (d - mean) * (d - mean);
      mean_variance.push_back(ss / static_cast<double>(used.size() - 1) / weight_sum);
    }
  }
  if (mean_variance.size() * 2 >= frames && !mean_variance.empty()) {
    auto mid = mean_variance.begin() + static_cast<std::ptrdiff_t>(mean_variance.size() / 2);
    std::nth_element(mean_variance.begin(), mid, mean_variance.end());
    trace.noise_hz = std::sqrt(*mid);
  }
  for (std::size_t h = 0; h < s.harmonic_count(); ++h)
    if (used_count[h] * 4 >= static_cast<int>(frames)) trace.harmonics.push_back(s.harmonic(h));
  return trace;
}

}  // namespace prov::enf

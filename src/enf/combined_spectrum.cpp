#include "enf/combined_spectrum.h"

#include <algorithm>
#include <cmath>

namespace prov::enf {
namespace {

constexpr double kGridStepHz = 0.0025;

float median_of(std::vector<float> values) {
  if (values.empty()) return 0.0f;
  auto mid = values.begin() + static_cast<std::ptrdiff_t>(values.size() / 2);
  std::nth_element(values.begin(), mid, values.end());
  return *mid;
}

}  // namespace

CombinedSpectrum::CombinedSpectrum(const HumSpectrogram& spectrogram, int nominal_hz)
    : spectrogram_(spectrogram),
      bands_(spectrogram.bands(nominal_hz)),
      nominal_(nominal_hz),
      max_dev_(spectrogram.options().max_deviation_hz),
      grid_step_(kGridStepHz),
      grid_size_(static_cast<std::size_t>(std::lround(2 * max_dev_ / kGridStepHz)) + 1) {
  const std::size_t frames = spectrogram.frames();
  noise_.resize(bands_.size());
  weights_.resize(bands_.size());
  median_peak_snr_.resize(bands_.size());
  std::vector<float> row;
  for (std::size_t h = 0; h < bands_.size(); ++h) {
    const auto& band = bands_[h];
    noise_[h].resize(frames);
    for (std::size_t f = 0; f < frames; ++f) {
      row.assign(band.frame(f), band.frame(f) + band.width);
      noise_[h][f] = std::max(median_of(row), 1e-30f);
    }
    std::vector<float> peaks(frames);
    for (std::size_t f = 0; f < frames; ++f) {
      float best = 0.0f;
      for (std::size_t g = 0; g < grid_size_; g += 2) best = std::max(best, normalised(h, f, deviation(g)));
      peaks[f] = best;
    }
    median_peak_snr_[h] = median_of(peaks);
    // A band of pure noise still peaks at a few times its median; weight only the excess.
    weights_[h] = std::max(median_peak_snr_[h] - 4.0, 0.05);
  }
}

float CombinedSpectrum::normalised(std::size_t h, std::size_t f, double d) const {
  const auto& band = bands_[h];
  const double pos = band.harmonic * (nominal_ + d) / spectrogram_.bin_hz() - static_cast<double>(band.first_bin);
  const double clamped = std::clamp(pos, 0.0, static_cast<double>(band.width - 1) - 1e-9);
  const auto i = static_cast<std::size_t>(clamped);
  const double frac = clamped - static_cast<double>(i);
  const float* row = band.frame(f);
  const double value = row[i] * (1.0 - frac) + row[std::min(i + 1, band.width - 1)] * frac;
  return static_cast<float>(value / noise_[h][f]);
}

void CombinedSpectrum::combine(std::size_t f, std::vector<float>& out) const {
  out.assign(grid_size_, 0.0f);
  double total = 0.0;
  for (double w : weights_) total += w;
  for (std::size_t h = 0; h < bands_.size(); ++h) {
    const auto w = static_cast<float>(weights_[h] / total);
    for (std::size_t g = 0; g < grid_size_; ++g) out[g] += w * normalised(h, f, deviation(g));
  }
}

std::size_t CombinedSpectrum::harmonic_peak(std::size_t h, std::size_t f) const {
  std::size_t best = 0;
  float best_value = -1.0f;
  for (std::size_t g = 0; g < grid_size_; ++g) {
    const float v = normalised(h, f, deviation(g));
    if (v > best_value) {
      best_value = v;
      best = g;
    }
  }
  return best;
}

bool CombinedSpectrum::refine(std::size_t h, std::size_t f, double around, double search_hz, Peak& peak) const {
  const auto& band = bands_[h];
  const int k = band.harmonic;
  const double bin = spectrogram_.bin_hz();
  const double centre = k * (nominal_ + around) / bin - static_cast<double>(band.first_bin);
  // The track sits on a grid built from bin values, so it can be up to half a
  // bin (at this harmonic) from the true peak: widen the search by that much.
  search_hz += 0.5 * bin / k;
  const double reach = k * search_hz / bin + 1.0;
  const auto lo = static_cast<std::ptrdiff_t>(std::max(1.0, std::floor(centre - reach)));
  const auto hi = static_cast<std::ptrdiff_t>(std::min(static_cast<double>(band.width) - 2, std::ceil(centre + reach)));
  if (hi < lo) return false;
  const float* row = band.frame(f);
  std::ptrdiff_t best = lo;
  for (std::ptrdiff_t i = lo; i <= hi; ++i)
    if (row[i] > row[best]) best = i;
  if (!(row[best] >= row[best - 1] && row[best] >= row[best + 1])) return false;
  if (row[best] <= 0.0f || row[best - 1] <= 0.0f || row[best + 1] <= 0.0f) return false;
  // Gaussian (log-parabolic) interpolation: near exact for a Hann main lobe.
  const double a = std::log(row[best - 1]), b = std::log(row[best]), c = std::log(row[best + 1]);
  const double denom = a - 2 * b + c;
  const double offset = denom < 0 ? std::clamp(0.5 * (a - c) / denom, -0.5, 0.5) : 0.0;
  const double freq = (static_cast<double>(band.first_bin) + static_cast<double>(best) + offset) * bin;
  peak.deviation_hz = freq / k - nominal_;
  peak.snr = row[best] / noise_[h][f];
  return std::abs(peak.deviation_hz - around) <= search_hz + 1e-9;
}

}  // namespace prov::enf

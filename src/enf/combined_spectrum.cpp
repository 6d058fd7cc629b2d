#include "enf/combined_spectrum.h"

#include <algorithm>
#include <cmath>

namespace prov::enf {

CombinedSpectrum::CombinedSpectrum(const HumSpectrogram& spectrogram, int nominal_hz)
    : spectrogram_(&spectrogram), bands_(&spectrogram.bands(nominal_hz)), nominal_(nominal_hz) {
  const std::size_t frames = spectrogram.frames();
  weights_.resize(bands_->size());
  median_peak_snr_.resize(bands_->size());
  std::vector<float> peaks(frames);
  for (std::size_t h = 0; h < bands_->size(); ++h) {
    for (std::size_t f = 0; f < frames; ++f) peaks[f] = spectrogram.peak_snr(nominal_hz, h, f);
    if (peaks.empty()) {
      median_peak_snr_[h] = 0.0f;
    } else {
      auto mid = peaks.begin() + static_cast<std::ptrdiff_t>(peaks.size() / 2);
      std::nth_element(peaks.begin(), mid, peaks.end());
      median_peak_snr_[h] = *mid;
    }
    // A band of pure noise still peaks at a few times its median; weight only the excess.
    weights_[h] = std::max(median_peak_snr_[h] - 4.0, 0.05);
  }
}

float CombinedSpectrum::normalised(std::size_t h, std::size_t f, double d) const {
  return normalised_in(spectrogram_->band_row(nominal_, h, f), h, f, d);
}

float CombinedSpectrum::normalised_in(const float* row, std::size_t h, std::size_t f, double d) const {
  const double value = band_power_at((*bands_)[h], row, nominal_, spectrogram_->bin_hz(), d);
  return static_cast<float>(value / noise(h, f));
}

void CombinedSpectrum::combine(std::size_t f, std::vector<float>& out) const {
  const std::size_t grid = grid_size();
  out.assign(grid, 0.0f);
  double total = 0.0;
  for (double w : weights_) total += w;
  for (std::size_t h = 0; h < bands_->size(); ++h) {
    const auto w = static_cast<float>(weights_[h] / total);
    const float* row = spectrogram_->band_row(nominal_, h, f);
    for (std::size_t g = 0; g < grid; ++g) out[g] += w * normalised_in(row, h, f, deviation(g));
  }
}

std::size_t CombinedSpectrum::harmonic_peak(std::size_t h, std::size_t f) const {
  std::size_t best = 0;
  float best_value = -1.0f;
  const float* row = spectrogram_->band_row(nominal_, h, f);
  for (std::size_t g = 0; g < grid_size(); ++g) {
    const float v = normalised_in(row, h, f, deviation(g));
    if (v > best_value) {
      best_value = v;
      best = g;
    }
  }
  return best;
}

bool CombinedSpectrum::refine(std::size_t h, std::size_t f, double around, double search_hz, Peak& peak) const {
  const auto& band = (*bands_)[h];
  const int k = band.harmonic;
  const double bin = spectrogram_->bin_hz();
  const double centre = k * (nominal_ + around) / bin - static_cast<double>(band.first_bin);
  // The track sits on a grid built from bin values, so it can be up to half a
  // bin (at this harmonic) from the true peak: widen the search by that much.
  search_hz += 0.5 * bin / k;
  const double reach = k * search_hz / bin + 1.0;
  const auto lo = static_cast<std::ptrdiff_t>(std::max(1.0, std::floor(centre - reach)));
  const auto hi = static_cast<std::ptrdiff_t>(std::min(static_cast<double>(band.width) - 2, std::ceil(centre + reach)));
  if (hi < lo) return false;
  const float* row = spectrogram_->band_row(nominal_, h, f);
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
  peak.snr = row[best] / noise(h, f);
  return std::abs(peak.deviation_hz - around) <= search_hz + 1e-9;
}

}  // namespace prov::enf

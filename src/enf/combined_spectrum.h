#pragma once
#include <cstddef>
#include <vector>

#include "enf/hum_spectrogram.h"

namespace prov::enf {

// The harmonic bands of one nominal frequency mapped onto a common grid of
// deviations from nominal (in fundamental Hz), each normalised by its own
// per-frame median noise level, and combined with SNR weights. Reads the
// spectrogram's rows on demand: ask for frames in increasing order.
class CombinedSpectrum {
 public:
  CombinedSpectrum(const HumSpectrogram& spectrogram, int nominal_hz);

  int nominal_hz() const { return nominal_; }
  std::size_t frames() const { return spectrogram_->frames(); }
  std::size_t grid_size() const { return spectrogram_->grid_size(); }
  double grid_step() const { return kDeviationGridStepHz; }
  double deviation(std::size_t g) const { return spectrogram_->deviation(g); }
  std::size_t harmonic_count() const { return bands_->size(); }
  int harmonic(std::size_t h) const { return (*bands_)[h].harmonic; }
  double weight(std::size_t h) const { return weights_[h]; }
  double median_peak_snr(std::size_t h) const { return median_peak_snr_[h]; }
  float noise(std::size_t h, std::size_t f) const { return spectrogram_->noise(nominal_, h, f); }

  // Power of harmonic h relative to its noise at deviation d (fundamental Hz).
  float normalised(std::size_t h, std::size_t f, double d) const;
  // SNR-weighted combination over harmonics on the deviation grid.
  void combine(std::size_t f, std::vector<float>& out) const;
  // Grid index of the strongest point of harmonic h alone in frame f.
  std::size_t harmonic_peak(std::size_t h, std::size_t f) const;

  // Sub-bin refined peak of harmonic h near deviation `around`, searched within
  // +-search_hz (fundamental scale). Returns false when there is no interior peak.
  struct Peak {
    double deviation_hz = 0;  // fundamental scale
    double snr = 0;           // peak power / median noise
  };
  bool refine(std::size_t h, std::size_t f, double around, double search_hz, Peak& peak) const;

  const HumSpectrogram& spectrogram() const { return *spectrogram_; }

 private:
  float normalised_in(const float* row, std::size_t h, std::size_t f, double d) const;

  const HumSpectrogram* spectrogram_;
  const std::vector<HarmonicBand>* bands_;
  int nominal_;
  std::vector<double> weights_;
  std::vector<double> median_peak_snr_;
};

}  // namespace prov::enf

#pragma once
#include <algorithm>
#include <cstddef>
#include <memory>
#include <vector>

#include "core/sample_source.h"
#include "core/signal.h"
#include "dsp/decimate.h"

namespace prov::enf {

struct SpectrogramOptions {
  double window_s = 8.0;          // long windows resolve the slow ENF wander
  double hop_s = 1.0;             // one trace value per hop
  double max_deviation_hz = 0.5;  // search band around each nominal (per harmonic: k times this)
  int max_harmonic = 5;
  // Frames computed and held at a time (20 minutes at 1 s hops, about 7 MB):
  // what bounds the memory of the spectrogram whatever the length.
  std::size_t tile_frames = 1200;
};

// The FFT bins of one harmonic of one nominal frequency.
struct HarmonicBand {
  int harmonic = 1;
  std::size_t first_bin = 0;  // FFT bin of a row's first value
  std::size_t width = 0;      // bins per row
};

// Deviations from nominal are searched on this grid (fundamental Hz).
constexpr double kDeviationGridStepHz = 0.0025;

// Power in a band row at deviation d from nominal (fundamental Hz), linearly
// interpolated between bins and held at the band's edges.
inline double band_power_at(const HarmonicBand& band, const float* row, int nominal_hz, double bin_hz, double d) {
  const double pos = band.harmonic * (nominal_hz + d) / bin_hz - static_cast<double>(band.first_bin);
  const double clamped = std::clamp(pos, 0.0, static_cast<double>(band.width - 1) - 1e-9);
  const auto i = static_cast<std::size_t>(clamped);
  const double frac = clamped - static_cast<double>(i);
  return row[i] * (1.0 - frac) + row[std::min(i + 1, band.width - 1)] * frac;
}

// Short-time spectra around 50 Hz and 60 Hz and their harmonics, from a
// band-limited, decimated copy of the signal (the hum band). Rows are
// computed tile by tile when asked for and only the current tile is held, so
// memory does not grow with the length; what the whole-recording statistics
// need (each row's noise level and peak) is kept per frame, a few bytes each.
class HumSpectrogram {
 public:
  // From any signal (reduced to the hum band first; a signal already at the
  // hum-band rate is read in place and must outlive the spectrogram).
  static HumSpectrogram compute(const Signal& signal, const SpectrogramOptions& options = {});
  // From the hum band itself, e.g. streamed through hum_band_decimator while
  // decoding; it must outlive the spectrogram.
  static HumSpectrogram compute(const SampleSource& hum_band, const SpectrogramOptions& options = {});

  HumSpectrogram(HumSpectrogram&&) noexcept;
  HumSpectrogram& operator=(HumSpectrogram&&) noexcept;
  ~HumSpectrogram();

  const SpectrogramOptions& options() const { return options_; }
  double analysis_rate() const { return rate_; }
  double bin_hz() const { return bin_hz_; }
  std::size_t frames() const { return frames_; }
  double frame_centre_s(std::size_t f) const { return options_.window_s / 2 + static_cast<double>(f) * options_.hop_s; }
  // Bands for nominal 50 or 60 Hz; only harmonics below the analysis Nyquist.
  const std::vector<HarmonicBand>& bands(int nominal_hz) const { return nominal_hz == 60 ? bands60_ : bands50_; }

  // Power of band h of `nominal_hz` in frame f (bands(nominal_hz)[h].width
  // values), valid until a frame of another tile is asked for. Read frames in
  // increasing order: each tile is then computed once per pass. Not for use
  // from two threads at once.
  const float* band_row(int nominal_hz, std::size_t h, std::size_t f) const;
  // Median power of that row (at least 1e-30): the band's noise level.
  float noise(int nominal_hz, std::size_t h, std::size_t f) const { return stats(nominal_hz, h, f).noise; }
  // Largest band power over every other point of the deviation grid, over the noise.
  float peak_snr(int nominal_hz, std::size_t h, std::size_t f) const { return stats(nominal_hz, h, f).peak_snr; }

  std::size_t grid_size() const { return grid_size_; }
  double deviation(std::size_t g) const { return -options_.max_deviation_hz + kDeviationGridStepHz * static_cast<double>(g); }

  // The hum band the spectra are computed from.
  const SampleSource& samples() const { return *source_; }
  double duration_s() const { return duration_s_; }

 private:
  struct FrameStats {
    float noise = 0.0f;
    float peak_snr = 0.0f;
  };
  struct Tiles;
  HumSpectrogram();
  static HumSpectrogram compute_from(const SampleSource& source, double duration_s, const SpectrogramOptions& options);
  const FrameStats& stats(int nominal_hz, std::size_t h, std::size_t f) const {
    return (nominal_hz == 60 ? stats60_ : stats50_)[h][f];
  }
  void load_tile(std::size_t tile) const;

  SpectrogramOptions options_;
  double rate_ = 0.0;
  double bin_hz_ = 0.0;
  double duration_s_ = 0.0;
  std::size_t frames_ = 0;
  std::size_t grid_size_ = 0;
  std::vector<HarmonicBand> bands50_, bands60_;
  std::vector<std::vector<FrameStats>> stats50_, stats60_;  // [band][frame]
  std::vector<float> decimated_;                // the hum band when compute() had to reduce the signal
  std::unique_ptr<SampleView> decimated_view_;  // over decimated_
  const SampleSource* source_ = nullptr;
  std::unique_ptr<Tiles> tiles_;
};

// The band-limiting decimator compute() applies to a signal at `input_rate`
// (to about 800 Hz, keeping every harmonic searched). A signal already reduced
// by it (e.g. streamed through a dsp::StreamingDecimator while decoding) gives
// the same spectrogram, since at its output rate compute() reduces no further.
dsp::Decimator hum_band_decimator(double input_rate);

// Noise margin either side of each search band, used for the median noise level.
constexpr double kNoiseMarginHz = 2.0;

}  // namespace prov::enf

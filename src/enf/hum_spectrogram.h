#pragma once
#include <cstddef>
#include <vector>

#include "core/signal.h"
#include "dsp/decimate.h"

namespace prov::enf {

struct SpectrogramOptions {
  double window_s = 8.0;          // long windows resolve the slow ENF wander
  double hop_s = 1.0;             // one trace value per hop
  double max_deviation_hz = 0.5;  // search band around each nominal (per harmonic: k times this)
  int max_harmonic = 5;
};

// The band of one harmonic of one nominal frequency, as power per frame.
struct HarmonicBand {
  int harmonic = 1;
  std::size_t first_bin = 0;  // FFT bin of power[0]
  std::size_t width = 0;      // bins per frame
  std::vector<float> power;   // frames x width, row-major
  const float* frame(std::size_t f) const { return power.data() + f * width; }
};

// Short-time spectra around 50 Hz and 60 Hz and their harmonics, computed once
// from a band-limited, decimated copy of the signal. The decimated copy is
// kept for the phase analysis of edit detection.
class HumSpectrogram {
 public:
  static HumSpectrogram compute(const Signal& signal, const SpectrogramOptions& options = {});

  const SpectrogramOptions& options() const { return options_; }
  double analysis_rate() const { return rate_; }
  double bin_hz() const { return bin_hz_; }
  std::size_t frames() const { return frames_; }
  double frame_centre_s(std::size_t f) const { return options_.window_s / 2 + static_cast<double>(f) * options_.hop_s; }
  // Bands for nominal 50 or 60 Hz; only harmonics below the analysis Nyquist.
  const std::vector<HarmonicBand>& bands(int nominal_hz) const { return nominal_hz == 60 ? bands60_ : bands50_; }
  const std::vector<float>& decimated() const { return decimated_; }
  double duration_s() const { return duration_s_; }

 private:
  SpectrogramOptions options_;
  double rate_ = 0.0;
  double bin_hz_ = 0.0;
  double duration_s_ = 0.0;
  std::size_t frames_ = 0;
  std::vector<HarmonicBand> bands50_, bands60_;
  std::vector<float> decimated_;
};

// The band-limiting decimator compute() applies to a signal at `input_rate`
// (to about 800 Hz, keeping every harmonic searched). A signal already reduced
// by it (e.g. streamed through a dsp::StreamingDecimator while decoding) gives
// the same spectrogram, since at its output rate compute() reduces no further.
dsp::Decimator hum_band_decimator(double input_rate);

// Noise margin either side of each search band, used for the median noise level.
constexpr double kNoiseMarginHz = 2.0;

}  // namespace prov::enf

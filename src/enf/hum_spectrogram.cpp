#include "enf/hum_spectrogram.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <complex>

#include "core/error.h"
#include "dsp/decimate.h"
#include "dsp/fft.h"

namespace prov::enf {
namespace {

constexpr double kMinAnalysisRate = 800.0;
constexpr double kHighestHumHz = 310.0;  // 5 x (60 Hz + deviation)

std::size_t next_pow2(std::size_t n) {
  std::size_t p = 1;
  while (p < n) p <<= 1;
  return p;
}

std::vector<HarmonicBand> plan_bands(int nominal, const SpectrogramOptions& o, double rate, double bin_hz) {
  std::vector<HarmonicBand> bands;
  const double usable = std::min(0.45 * rate, kHighestHumHz + kNoiseMarginHz);
  for (int k = 1; k <= o.max_harmonic; ++k) {
    const double lo = k * (nominal - o.max_deviation_hz) - kNoiseMarginHz;
    const double hi = k * (nominal + o.max_deviation_hz) + kNoiseMarginHz;
    if (hi > usable) break;
    HarmonicBand b;
    b.harmonic = k;
    b.first_bin = static_cast<std::size_t>(std::floor(lo / bin_hz));
    b.width = static_cast<std::size_t>(std::ceil(hi / bin_hz)) - b.first_bin + 1;
    bands.push_back(std::move(b));
  }
  return bands;
}

}  // namespace

dsp::Decimator hum_band_decimator(double input_rate) {
  const int factor = dsp::decimation_factor_for(input_rate, kMinAnalysisRate);
  const double out_rate = input_rate / factor;
  return dsp::Decimator(input_rate, factor, kHighestHumHz + kNoiseMarginHz, out_rate - kHighestHumHz - kNoiseMarginHz);
}

HumSpectrogram HumSpectrogram::compute(const Signal& signal, const SpectrogramOptions& options) {
  if (signal.sample_rate <= 0) throw InputError("ENF: the signal has no sample rate");
  if (options.window_s < 2.0 || options.hop_s <= 0.0 || options.max_deviation_hz <= 0.0 || options.max_harmonic < 1)
    throw InputError("ENF: window must be at least 2 s, hop and deviation positive");
  if (signal.sample_rate < 2.0 * (50.0 + options.max_deviation_hz + kNoiseMarginHz) / 0.45)
    throw InputError(fmt::format("ENF: a sample rate of {} Hz is too low to hold the mains frequency", signal.sample_rate));

  HumSpectrogram s;
  s.options_ = options;
  s.duration_s_ = signal.duration_s();
  const dsp::Decimator decimator = hum_band_decimator(signal.sample_rate);
  s.decimated_ = decimator.process(signal.samples.data(), signal.samples.size());
  s.rate_ = decimator.output_rate();

  const auto window_len = static_cast<std::size_t>(std::lround(options.window_s * s.rate_));
  const std::size_t fft_size = next_pow2(2 * window_len);
  s.bin_hz_ = s.rate_ / static_cast<double>(fft_size);
  s.bands50_ = plan_bands(50, options, s.rate_, s.bin_hz_);
  s.bands60_ = plan_bands(60, options, s.rate_, s.bin_hz_);

  const std::size_t n = s.decimated_.size();
  if (n < window_len) {
    throw InputError(fmt::format("ENF: the recording lasts {:.1f} s; at least {:.0f} s are needed", s.duration_s_,
                                 options.window_s));
  }
  s.frames_ = static_cast<std::size_t>(std::floor(((n - window_len) / s.rate_) / options.hop_s + 1e-9)) + 1;
  for (auto* group : {&s.bands50_, &s.bands60_})
    for (auto& b : *group) b.power.assign(s.frames_ * b.width, 0.0f);

  dsp::RealFft fft(fft_size);
  const std::vector<float> window = dsp::hann_window(window_len);
  std::vector<float> buffer(fft_size, 0.0f);
  std::vector<std::complex<float>> spectrum(fft.bins());
  for (std::size_t f = 0; f < s.frames_; ++f) {
    const double centre = s.frame_centre_s(f) * s.rate_;
    auto first = static_cast<std::ptrdiff_t>(std::lround(centre - window_len / 2.0));
    first = std::clamp<std::ptrdiff_t>(first, 0, static_cast<std::ptrdiff_t>(n - window_len));
    const float* x = s.decimated_.data() + first;
    for (std::size_t i = 0; i < window_len; ++i) buffer[i] = x[i] * window[i];
    fft.forward(buffer.data(), spectrum.data());
    for (auto* group : {&s.bands50_, &s.bands60_}) {
      for (auto& b : *group) {
        float* row = b.power.data() + f * b.width;
        for (std::size_t i = 0; i < b.width; ++i) row[i] = std::norm(spectrum[b.first_bin + i]);
      }
    }
  }
  return s;
}

}  // namespace prov::enf

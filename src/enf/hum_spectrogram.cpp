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
    bands.push_back(b);
  }
  return bands;
}

float median_of(std::vector<float>& values) {
  if (values.empty()) return 0.0f;
  auto mid = values.begin() + static_cast<std::ptrdiff_t>(values.size() / 2);
  std::nth_element(values.begin(), mid, values.end());
  return *mid;
}

void check_options(const SpectrogramOptions& options, double rate) {
  if (rate <= 0) throw InputError("ENF: the signal has no sample rate");
  if (options.window_s < 2.0 || options.hop_s <= 0.0 || options.max_deviation_hz <= 0.0 || options.max_harmonic < 1 ||
      options.tile_frames < 1)
    throw InputError("ENF: window must be at least 2 s, hop and deviation positive");
  if (rate < 2.0 * (50.0 + options.max_deviation_hz + kNoiseMarginHz) / 0.45)
    throw InputError(fmt::format("ENF: a sample rate of {} Hz is too low to hold the mains frequency", rate));
}

}  // namespace

// The tile of rows currently held, and the FFT that computes them.
struct HumSpectrogram::Tiles {
  explicit Tiles(std::size_t fft_size, std::size_t window_len)
      : fft(fft_size), window(dsp::hann_window(window_len)), buffer(fft_size, 0.0f), spectrum(fft.bins()) {}
  dsp::RealFft fft;
  std::vector<float> window, buffer, samples;
  std::vector<std::complex<float>> spectrum;
  std::size_t window_len = 0;
  std::size_t first_frame = 0, frame_count = 0;  // frame_count 0: none held
  std::vector<std::vector<float>> power50, power60;  // [band][frame in tile x width]
};

HumSpectrogram::HumSpectrogram() = default;
HumSpectrogram::HumSpectrogram(HumSpectrogram&&) noexcept = default;
HumSpectrogram& HumSpectrogram::operator=(HumSpectrogram&&) noexcept = default;
HumSpectrogram::~HumSpectrogram() = default;

dsp::Decimator hum_band_decimator(double input_rate) {
  const int factor = dsp::decimation_factor_for(input_rate, kMinAnalysisRate);
  const double out_rate = input_rate / factor;
  return dsp::Decimator(input_rate, factor, kHighestHumHz + kNoiseMarginHz, out_rate - kHighestHumHz - kNoiseMarginHz);
}

HumSpectrogram HumSpectrogram::compute(const Signal& signal, const SpectrogramOptions& options) {
  check_options(options, signal.sample_rate);
  const dsp::Decimator decimator = hum_band_decimator(signal.sample_rate);
  if (decimator.factor() == 1) {
    const SampleView in_place(signal.samples, signal.sample_rate);
    HumSpectrogram s = compute_from(in_place, signal.duration_s(), options);
    // compute_from read through a local view: keep one of our own.
    s.decimated_view_ = std::make_unique<SampleView>(signal.samples, signal.sample_rate);
    s.source_ = s.decimated_view_.get();
    return s;
  }
  std::vector<float> decimated = decimator.process(signal.samples.data(), signal.samples.size());
  const SampleView view(decimated, decimator.output_rate());
  HumSpectrogram s = compute_from(view, signal.duration_s(), options);
  s.decimated_ = std::move(decimated);  // the buffer moves, so a view over it stays valid
  s.decimated_view_ = std::make_unique<SampleView>(s.decimated_, decimator.output_rate());
  s.source_ = s.decimated_view_.get();
  return s;
}

HumSpectrogram HumSpectrogram::compute(const SampleSource& hum_band, const SpectrogramOptions& options) {
  check_options(options, hum_band.sample_rate());
  if (hum_band_decimator(hum_band.sample_rate()).factor() != 1)
    throw InputError(fmt::format("ENF: the hum band must be reduced to about 800 Hz first, not {} Hz",
                                 hum_band.sample_rate()));
  HumSpectrogram s = compute_from(hum_band, static_cast<double>(hum_band.size()) / hum_band.sample_rate(), options);
  s.source_ = &hum_band;
  return s;
}

HumSpectrogram HumSpectrogram::compute_from(const SampleSource& source, double duration_s,
                                            const SpectrogramOptions& options) {
  HumSpectrogram s;
  s.options_ = options;
  s.duration_s_ = duration_s;
  s.source_ = &source;
  s.rate_ = source.sample_rate();

  const auto window_len = static_cast<std::size_t>(std::lround(options.window_s * s.rate_));
  const std::size_t fft_size = next_pow2(2 * window_len);
  s.bin_hz_ = s.rate_ / static_cast<double>(fft_size);
  s.bands50_ = plan_bands(50, options, s.rate_, s.bin_hz_);
  s.bands60_ = plan_bands(60, options, s.rate_, s.bin_hz_);
  s.grid_size_ = static_cast<std::size_t>(std::lround(2 * options.max_deviation_hz / kDeviationGridStepHz)) + 1;

  const std::size_t n = source.size();
  if (n < window_len) {
    throw InputError(fmt::format("ENF: the recording lasts {:.1f} s; at least {:.0f} s are needed", s.duration_s_,
                                 options.window_s));
  }
  s.frames_ = static_cast<std::size_t>(std::floor(((n - window_len) / s.rate_) / options.hop_s + 1e-9)) + 1;
  s.tiles_ = std::make_unique<Tiles>(fft_size, window_len);
  s.tiles_->window_len = window_len;

  // One pass over every frame for the per-frame statistics.
  std::vector<float> row;
  for (int nominal : {50, 60}) {
    auto& stats = nominal == 60 ? s.stats60_ : s.stats50_;
    stats.assign(s.bands(nominal).size(), std::vector<FrameStats>(s.frames_));
  }
  for (std::size_t f = 0; f < s.frames_; ++f) {
    for (int nominal : {50, 60}) {
      const auto& bands = s.bands(nominal);
      auto& stats = nominal == 60 ? s.stats60_ : s.stats50_;
      for (std::size_t h = 0; h < bands.size(); ++h) {
        const float* power = s.band_row(nominal, h, f);
        row.assign(power, power + bands[h].width);
        FrameStats& st = stats[h][f];
        st.noise = std::max(median_of(row), 1e-30f);
        float best = 0.0f;
        for (std::size_t g = 0; g < s.grid_size_; g += 2) {
          const double value = band_power_at(bands[h], power, nominal, s.bin_hz_, s.deviation(g));
          best = std::max(best, static_cast<float>(value / st.noise));
        }
        st.peak_snr = best;
      }
    }
  }
  s.source_ = nullptr;  // the caller sets the source that outlives this call
  return s;
}

const float* HumSpectrogram::band_row(int nominal_hz, std::size_t h, std::size_t f) const {
  const Tiles& t = *tiles_;
  if (t.frame_count == 0 || f < t.first_frame || f >= t.first_frame + t.frame_count) load_tile(f / options_.tile_frames);
  const auto& power = (nominal_hz == 60 ? tiles_->power60 : tiles_->power50)[h];
  return power.data() + (f - tiles_->first_frame) * bands(nominal_hz)[h].width;
}

void HumSpectrogram::load_tile(std::size_t tile) const {
  Tiles& t = *tiles_;
  const std::size_t n = source_->size(), window_len = t.window_len;
  auto first_sample = [&](std::size_t f) {
    const double centre = frame_centre_s(f) * rate_;
    auto first = static_cast<std::ptrdiff_t>(std::lround(centre - window_len / 2.0));
    return static_cast<std::size_t>(std::clamp<std::ptrdiff_t>(first, 0, static_cast<std::ptrdiff_t>(n - window_len)));
  };
  t.first_frame = tile * options_.tile_frames;
  t.frame_count = std::min(options_.tile_frames, frames_ - t.first_frame);
  const std::size_t from = first_sample(t.first_frame);
  const std::size_t to = first_sample(t.first_frame + t.frame_count - 1) + window_len;
  t.samples.resize(to - from);
  source_->read(from, to - from, t.samples.data());
  for (int nominal : {50, 60}) {
    auto& power = nominal == 60 ? t.power60 : t.power50;
    const auto& bands = this->bands(nominal);
    power.resize(bands.size());
    for (std::size_t h = 0; h < bands.size(); ++h) power[h].resize(t.frame_count * bands[h].width);
  }
  for (std::size_t i = 0; i < t.frame_count; ++i) {
    const float* x = t.samples.data() + (first_sample(t.first_frame + i) - from);
    for (std::size_t j = 0; j < window_len; ++j) t.buffer[j] = x[j] * t.window[j];
    t.fft.forward(t.buffer.data(), t.spectrum.data());
    for (int nominal : {50, 60}) {
      auto& power = nominal == 60 ? t.power60 : t.power50;
      const auto& bands = this->bands(nominal);
      for (std::size_t h = 0; h < bands.size(); ++h) {
        float* row = power[h].data() + i * bands[h].width;
        for (std::size_t b = 0; b < bands[h].width; ++b) row[b] = std::norm(t.spectrum[bands[h].first_bin + b]);
      }
    }
  }
}

}  // namespace prov::enf

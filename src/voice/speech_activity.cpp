#include "voice/speech_activity.h"

#include <algorithm>
#include <cmath>
#include <complex>
#include <numeric>

#include "dsp/fft.h"

namespace prov::voice {
namespace {

struct FrameMeasures {
  std::vector<double> energy_db;
  std::vector<uint8_t> voiced;
};

// Energy, voicing and flatness of every frame. Voicing looks at a 40 ms
// window around the frame so that a 60 Hz pitch period fits twice.
FrameMeasures measure_frames(const Signal& signal, const SpeechActivityParams& p) {
  const FrameGrid& g = p.grid;
  const std::size_t frames = g.frame_count(signal.samples.size());
  const std::size_t span = static_cast<std::size_t>(0.040 * g.sample_rate);
  const std::size_t fft_size = 1024;
  dsp::RealFft fft(fft_size);
  dsp::InverseRealFft inverse(fft_size);
  const auto hann = dsp::hann_window(span);
  std::vector<float> buffer(fft_size), autocorr(fft_size), power(fft.bins());
  std::vector<std::complex<float>> spectrum(fft.bins());
  const std::size_t min_lag = static_cast<std::size_t>(g.sample_rate / 400.0);
  const std::size_t max_lag = static_cast<std::size_t>(g.sample_rate / 60.0);
  const std::size_t low_bin = static_cast<std::size_t>(100.0 * fft_size / g.sample_rate);
  const std::size_t high_bin = static_cast<std::size_t>(4000.0 * fft_size / g.sample_rate);

  FrameMeasures m;
  m.energy_db.resize(frames);
  m.voiced.resize(frames);
  const auto& x = signal.samples;
  for (std::size_t f = 0; f < frames; ++f) {
    const std::size_t begin = f * g.hop;
    double energy = 0;
    for (std::size_t i = 0; i < g.window; ++i) energy += double(x[begin + i]) * x[begin + i];
    m.energy_db[f] = 10 * std::log10(energy / g.window + 1e-12);

    const std::ptrdiff_t centre = static_cast<std::ptrdiff_t>(begin + g.window / 2);
    const std::ptrdiff_t start = centre - static_cast<std::ptrdiff_t>(span / 2);
    std::fill(buffer.begin(), buffer.end(), 0.f);
    for (std::size_t i = 0; i < span; ++i) {
      const std::ptrdiff_t k = start + static_cast<std::ptrdiff_t>(i);
      if (k >= 0 && k < static_cast<std::ptrdiff_t>(x.size())) buffer[i] = x[static_cast<std::size_t>(k)] * hann[i];
    }
    fft.forward(buffer.data(), spectrum.data());
    for (std::size_t b = 0; b < spectrum.size(); ++b) {
      power[b] = std::norm(spectrum[b]);
      spectrum[b] = {power[b], 0.f};
    }
    inverse.inverse(spectrum.data(), autocorr.data());
    if (autocorr[0] <= 0) continue;
    // Normalise by the window's own autocorrelation so that the peak of a
    // periodic signal is near 1 whatever its lag.
    float best = 0;
    for (std::size_t lag = min_lag; lag <= max_lag && lag < span; ++lag) {
      const float window_overlap = static_cast<float>(span - lag) / static_cast<float>(span);
      best = std::max(best, autocorr[lag] / (autocorr[0] * window_overlap));
    }
    double log_sum = 0, sum = 0;
    for (std::size_t b = low_bin; b < high_bin; ++b) {
      const double v = power[b] + 1e-12;
      log_sum += std::log(v);
      sum += v;
    }
    const double n = static_cast<double>(high_bin - low_bin);
    const double flatness = std::exp(log_sum / n) / (sum / n);
    m.voiced[f] = best >= p.min_voicing && flatness <= p.max_flatness;
  }
  return m;
}

double quantile(std::vector<double> values, double q) {
  if (values.empty()) return 0;
  const auto k = static_cast<std::size_t>(q * static_cast<double>(values.size() - 1));
  std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(k), values.end());
  return values[k];
}

}  // namespace

double SpeechActivity::speech_s() const {
  return static_cast<double>(std::count(speech.begin(), speech.end(), 1)) * grid.hop_s();
}

double SpeechActivity::speech_share() const {
  return speech.empty() ? 0.0 : static_cast<double>(std::count(speech.begin(), speech.end(), 1)) / speech.size();
}

SpeechActivity detect_speech(const Signal& signal, const SpeechActivityParams& p) {
  SpeechActivity result;
  result.grid = p.grid;
  const FrameMeasures m = measure_frames(signal, p);
  const std::size_t frames = m.energy_db.size();
  result.speech.assign(frames, 0);
  if (frames == 0) return result;

  const double floor_db = quantile(m.energy_db, p.floor_quantile);
  const double threshold = std::max(floor_db + p.min_rise_db, p.absolute_floor_dbfs);
  std::vector<uint8_t> loud(frames);
  for (std::size_t f = 0; f < frames; ++f) loud[f] = m.energy_db[f] >= threshold;

  const double hop_s = p.grid.hop_s();
  const auto bridge = static_cast<std::size_t>(std::lround(p.bridge_s / hop_s));
  const auto min_stretch = static_cast<std::size_t>(std::lround(p.min_stretch_s / hop_s));
  const auto hangover = static_cast<std::size_t>(std::lround(p.hangover_s / hop_s));

  // Close short gaps, then judge each loud stretch as a whole.
  for (std::size_t f = 0; f < frames;) {
    if (loud[f]) {
      ++f;
      continue;
    }
    std::size_t end = f;
    while (end < frames && !loud[end]) ++end;
    if (f > 0 && end < frames && end - f <= bridge) std::fill(loud.begin() + f, loud.begin() + end, 1);
    f = end;
  }
  for (std::size_t f = 0; f < frames;) {
    if (!loud[f]) {
      ++f;
      continue;
    }
    std::size_t end = f;
    std::size_t voiced = 0;
    while (end < frames && loud[end]) voiced += m.voiced[end++];
    const std::size_t length = end - f;
    if (length >= min_stretch && static_cast<double>(voiced) >= p.min_voiced_share * static_cast<double>(length)) {
      const std::size_t from = f > hangover ? f - hangover : 0;
      const std::size_t to = std::min(frames, end + hangover);
      std::fill(result.speech.begin() + from, result.speech.begin() + to, 1);
    }
    f = end;
  }
  return result;
}

}  // namespace prov::voice

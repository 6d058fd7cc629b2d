#include "support/speech_conditions.h"

#include <fmt/format.h>

#include <cmath>
#include <complex>
#include <cstdlib>
#include <fstream>
#include <stdexcept>

#include "dsp/fft.h"
#include "media/decode.h"
#include "support/test_support.h"

namespace prov::bench {
namespace {

Signal band_limited(const Signal& s, double low_hz, double high_hz) {
  const std::size_t n = s.samples.size() + (s.samples.size() % 2);
  std::vector<float> x(n, 0.f);
  std::copy(s.samples.begin(), s.samples.end(), x.begin());
  dsp::RealFft fft(n);
  dsp::InverseRealFft inverse(n);
  std::vector<std::complex<float>> spectrum(fft.bins());
  fft.forward(x.data(), spectrum.data());
  for (std::size_t b = 0; b < spectrum.size(); ++b) {
    const double hz = static_cast<double>(b) * s.sample_rate / static_cast<double>(n);
    if (hz < low_hz || hz > high_hz) spectrum[b] = 0;
  }
  inverse.inverse(spectrum.data(), x.data());
  Signal out = s;
  for (std::size_t i = 0; i < out.samples.size(); ++i) out.samples[i] = x[i] / static_cast<float>(n);
  return out;
}

// Power of the louder half of 20-ms frames: the speech level, not diluted by pauses.
double active_power(const Signal& s) {
  std::vector<double> frames;
  for (std::size_t i = 0; i + 320 <= s.samples.size(); i += 320) {
    double e = 0;
    for (std::size_t k = 0; k < 320; ++k) e += double(s.samples[i + k]) * s.samples[i + k];
    frames.push_back(e / 320);
  }
  std::sort(frames.begin(), frames.end());
  double sum = 0;
  for (std::size_t i = frames.size() / 2; i < frames.size(); ++i) sum += frames[i];
  return frames.empty() ? 0 : sum / static_cast<double>(frames.size() - frames.size() / 2);
}

}  // namespace

Signal degrade(const Signal& speech, const std::string& condition, const Signal& noise, unsigned seed) {
  if (condition == "clean") return speech;
  if (condition == "telephone") return band_limited(speech, 300, 3400);
  if (condition == "noise10") {
    Signal out = speech;
    double noise_power = 0;
    for (float v : noise.samples) noise_power += double(v) * v;
    noise_power /= static_cast<double>(noise.samples.size());
    const double gain = std::sqrt(active_power(speech) / noise_power / 10.0);
    const std::size_t offset = (static_cast<std::size_t>(seed) * 7919 * 160) % noise.samples.size();
    for (std::size_t i = 0; i < out.samples.size(); ++i)
      out.samples[i] += static_cast<float>(gain * noise.samples[(offset + i) % noise.samples.size()]);
    return out;
  }
  if (condition == "mp3_32k") {
    test::TempDir dir;
    const auto wav = (dir / "in.wav").string(), mp3 = (dir / "out.mp3").string();
    test::write_pcm16_wav(wav, speech.samples, speech.sample_rate);
    const auto command = fmt::format("ffmpeg -nostdin -loglevel error -y -i {} -codec:a libmp3lame -b:a 32k {}",
                                     test::shell_quote(wav), test::shell_quote(mp3));
    if (std::system(command.c_str()) != 0) throw std::runtime_error("ffmpeg could not encode MP3");
    return media::decode_mono(mp3, speech.sample_rate);
  }
  throw std::invalid_argument("unknown condition " + condition);
}

}  // namespace prov::bench

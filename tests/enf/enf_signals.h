#pragma once
// Test and benchmark signals built from the real shared data: mains hum
// re-synthesised (with harmonics) from the ENF-WHU reference recordings, real
// speech from FSDD, and synthetic sounds without hum. Header-only so that
// bench/ programs can use it as well.
#include <algorithm>
#include <cmath>
#include <complex>
#include <filesystem>
#include <numbers>
#include <random>
#include <string>
#include <vector>

#include "core/signal.h"
#include "dsp/fft.h"
#include "media/decode.h"
#include "support/test_support.h"

namespace prov::enf::testdata {

inline std::filesystem::path whu_dir() { return prov::test::shared_data_dir() / "enf-whu-ref"; }
inline std::filesystem::path fsdd_dir() { return prov::test::shared_data_dir() / "fsdd"; }

inline std::vector<std::filesystem::path> whu_files() {
  std::vector<std::filesystem::path> files;
  if (!std::filesystem::is_directory(whu_dir())) return files;
  for (const auto& e : std::filesystem::directory_iterator(whu_dir()))
    if (e.path().extension() == ".wav") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  return files;
}

// Unwrapped phase of the mains fundamental of a reference recording (one
// value per input sample): FFT band-pass around the nominal and a Hilbert pair.
inline std::vector<double> fundamental_phase(const Signal& ref, double nominal_hz = 50.0, double half_band_hz = 1.0) {
  std::size_t size = 1;
  while (size < ref.samples.size()) size <<= 1;
  prov::dsp::RealFft forward(size);
  prov::dsp::InverseRealFft inverse(size);
  std::vector<float> buffer(size, 0.0f);
  std::copy(ref.samples.begin(), ref.samples.end(), buffer.begin());
  std::vector<std::complex<float>> spectrum(forward.bins()), quadrature(forward.bins());
  forward.forward(buffer.data(), spectrum.data());
  const double bin = static_cast<double>(ref.sample_rate) / static_cast<double>(size);
  for (std::size_t k = 0; k < spectrum.size(); ++k) {
    const double f = k * bin;
    if (std::abs(f - nominal_hz) > half_band_hz) spectrum[k] = 0;
    quadrature[k] = spectrum[k] * std::complex<float>(0.0f, -1.0f);
  }
  std::vector<float> in_phase(size), quad(size);
  inverse.inverse(spectrum.data(), in_phase.data());
  inverse.inverse(quadrature.data(), quad.data());
  std::vector<double> phase(ref.samples.size());
  double previous = 0;
  for (std::size_t i = 0; i < phase.size(); ++i) {
    double p = std::atan2(static_cast<double>(quad[i]), static_cast<double>(in_phase[i]));
    if (i > 0) {
      double d = p - previous;
      d -= 2 * std::numbers::pi * std::round(d / (2 * std::numbers::pi));
      phase[i] = phase[i - 1] + d;
    } else {
      phase[i] = p;
    }
    previous = p;
  }
  return phase;
}

// Mains hum at `rate`: the reference's fundamental phase, resampled, with
// harmonics 1..5 at falling amplitudes and fixed random phases; unit RMS.
inline std::vector<float> hum_from_phase(const std::vector<double>& phase, int phase_rate, int rate, std::size_t count,
                                         unsigned seed = 7) {
  static constexpr double amplitude[5] = {1.0, 0.6, 0.45, 0.3, 0.2};
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> uni(0, 2 * std::numbers::pi);
  double offset[5];
  for (double& o : offset) o = uni(rng);
  double power = 0;
  for (double a : amplitude) power += a * a / 2;
  const double norm = 1.0 / std::sqrt(power);
  std::vector<float> out(count);
  const double ratio = static_cast<double>(phase_rate) / rate;
  for (std::size_t n = 0; n < count; ++n) {
    const double pos = std::min(n * ratio, static_cast<double>(phase.size() - 1));
    const auto i = std::min(static_cast<std::size_t>(pos), phase.size() - 2);
    const double frac = pos - static_cast<double>(i);
    const double phi = (1 - frac) * phase[i] + frac * phase[i + 1];
    double v = 0;
    for (int k = 0; k < 5; ++k) v += amplitude[k] * std::cos((k + 1) * phi + offset[k]);
    out[n] = static_cast<float>(v * norm);
  }
  return out;
}

// Real speech: FSDD utterances (8 kHz) in a seeded random order, decoded at
// `rate` and joined until `count` samples.
inline std::vector<float> speech(int rate, std::size_t count, unsigned seed = 1) {
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(fsdd_dir()))
    if (e.path().extension() == ".wav") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  std::mt19937 rng(seed);
  std::vector<float> out;
  out.reserve(count);
  while (out.size() < count && !files.empty()) {
    const auto& file = files[rng() % files.size()];
    const Signal s = prov::media::decode_mono(file.string(), rate);
    out.insert(out.end(), s.samples.begin(), s.samples.end());
  }
  out.resize(count);
  return out;
}

inline double rms(const std::vector<float>& x) {
  double s = 0;
  for (float v : x) s += static_cast<double>(v) * v;
  return x.empty() ? 0.0 : std::sqrt(s / static_cast<double>(x.size()));
}

// speech + white noise (noise_db below the speech) + hum at hum_db relative
// to speech and noise together.
inline Signal mix(const std::vector<float>& hum, const std::vector<float>& voice, int rate, double hum_db,
                  double noise_db = -30.0, unsigned seed = 3) {
  std::mt19937 rng(seed);
  std::normal_distribution<float> gauss(0.0f, 1.0f);
  Signal s;
  s.sample_rate = rate;
  s.samples.resize(voice.size());
  const double noise_gain = rms(voice) * std::pow(10.0, noise_db / 20.0);
  for (std::size_t i = 0; i < voice.size(); ++i) s.samples[i] = voice[i] + static_cast<float>(noise_gain) * gauss(rng);
  const double hum_gain = rms(s.samples) * std::pow(10.0, hum_db / 20.0) / std::max(rms(hum), 1e-12);
  for (std::size_t i = 0; i < s.samples.size() && i < hum.size(); ++i)
    s.samples[i] += static_cast<float>(hum_gain * hum[i]);
  double peak = 0;
  for (float v : s.samples) peak = std::max(peak, static_cast<double>(std::abs(v)));
  if (peak > 0.95)
    for (auto& v : s.samples) v = static_cast<float>(v * 0.95 / peak);
  return s;
}

// Music-like sound with strong bass: a bass line (notes of 0.25-1 s, some
// tuned onto 100 and 120 Hz) with harmonics, chords above, and drum hits.
inline Signal bass_music(int rate, double seconds, unsigned seed = 11) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> uni(0, 1);
  const std::vector<double> bass = {98.0, 100.0, 110.0, 120.0, 123.5, 130.8, 146.8, 65.4, 73.4, 82.4, 87.3, 49.0, 55.0};
  Signal s;
  s.sample_rate = rate;
  s.samples.assign(static_cast<std::size_t>(seconds * rate), 0.0f);
  std::size_t n = 0;
  double phase = 0;
  while (n < s.samples.size()) {
    const double f = bass[static_cast<std::size_t>(uni(rng) * bass.size()) % bass.size()];
    const double chord = f * (uni(rng) < 0.5 ? 2.5198 : 2.9966);
    const auto len = static_cast<std::size_t>((0.25 + 0.75 * uni(rng)) * rate);
    for (std::size_t i = 0; i < len && n < s.samples.size(); ++i, ++n) {
      const double t = static_cast<double>(i) / rate;
      const double env = std::min(1.0, t / 0.01) * std::exp(-1.5 * t);
      phase += 2 * std::numbers::pi * f / rate;
      double v = env * (0.8 * std::sin(phase) + 0.4 * std::sin(2 * phase) + 0.2 * std::sin(3 * phase));
      v += 0.15 * env * std::sin(2 * std::numbers::pi * chord * (static_cast<double>(n) / rate));
      if (i < static_cast<std::size_t>(0.05 * rate)) v += 0.3 * (uni(rng) * 2 - 1) * std::exp(-60 * t);
      s.samples[n] = static_cast<float>(0.5 * v);
    }
  }
  return s;
}

}  // namespace prov::enf::testdata

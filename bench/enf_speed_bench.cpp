// ENF speed (issue 3): extraction in multiples of real time, and matching a
// 10-minute trace against a year of 1 s reference. Synthetic signals, so it
// runs without the shared data. Extraction includes the presence test at 50
// and 60 Hz, tracking and the continuity (phase-break) check: a random-walk ENF (the speed does not depend
// on the values).
#include <benchmark/benchmark.h>

#include <cmath>
#include <numbers>
#include <random>

#include "enf/analysis.h"

namespace {

using namespace prov::enf;

std::vector<double> random_walk_enf(std::size_t seconds, unsigned seed) {
  std::mt19937 rng(seed);
  std::normal_distribution<double> step(0.0, 0.003);
  std::vector<double> f(seconds);
  double v = 50.0;
  for (auto& x : f) {
    v += step(rng) - 0.002 * (v - 50.0);
    x = v;
  }
  return f;
}

// Hum (harmonics 1-3) following `enf`, in white noise, at `rate`.
prov::Signal hum_in_noise(const std::vector<double>& enf, int rate) {
  std::mt19937 rng(1);
  std::normal_distribution<float> noise(0.0f, 0.1f);
  prov::Signal s;
  s.sample_rate = rate;
  s.samples.resize(enf.size() * static_cast<std::size_t>(rate));
  double phase = 0;
  for (std::size_t i = 0; i < s.samples.size(); ++i) {
    phase += 2 * std::numbers::pi * enf[i / static_cast<std::size_t>(rate)] / rate;
    s.samples[i] = static_cast<float>(0.01 * (std::sin(phase) + 0.5 * std::sin(2 * phase) + 0.3 * std::sin(3 * phase))) +
                   noise(rng);
  }
  return s;
}

const prov::Signal& ten_minutes() {
  static const prov::Signal s = hum_in_noise(random_walk_enf(600, 2), 16000);
  return s;
}

void BM_EnfExtract10MinAt16kHz(benchmark::State& state) {
  const auto& s = ten_minutes();
  for (auto _ : state) benchmark::DoNotOptimize(extract_enf(s));
  state.counters["x_real_time"] = benchmark::Counter(s.duration_s() * state.iterations(), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_EnfExtract10MinAt16kHz)->Unit(benchmark::kMillisecond)->MinTime(2.0);

void BM_EnfExtract10MinAt48kHz(benchmark::State& state) {
  static const prov::Signal s = hum_in_noise(random_walk_enf(600, 2), 48000);
  for (auto _ : state) benchmark::DoNotOptimize(extract_enf(s));
  state.counters["x_real_time"] = benchmark::Counter(s.duration_s() * state.iterations(), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_EnfExtract10MinAt48kHz)->Unit(benchmark::kMillisecond)->MinTime(2.0);

void BM_EnfMatch10MinAgainstOneYear(benchmark::State& state) {
  static const std::vector<double> year = random_walk_enf(365 * 86400, 3);
  ReferenceSeries ref;
  ref.grid = "synthetic";
  ref.nominal_hz = 50;
  ref.first_utc = 1700000000;
  ref.frequency_hz.assign(year.begin(), year.end());
  // A 10-minute trace (8 s windows: 593 values) cut from the middle of the year, plus estimation noise.
  EnfTrace clip;
  clip.nominal_hz = 50;
  clip.start_s = 4;
  std::mt19937 rng(4);
  std::normal_distribution<double> noise(0.0, 0.002);
  const std::size_t at = 200 * 86400 + 1234;
  for (std::size_t i = 0; i < 593; ++i) {
    clip.frequency_hz.push_back(year[at + i] + noise(rng));
    clip.confidence.push_back(1.0);
  }
  MatchResult result;
  for (auto _ : state) {
    result = match_trace(clip, ref);
    benchmark::DoNotOptimize(result);
  }
  const bool found = !result.candidates.empty() &&
                     std::abs(result.candidates[0].clip_start_utc - (ref.first_utc + at + 0.5 - 4)) < 2;
  state.counters["found"] = found ? 1 : 0;
  state.counters["lags"] = static_cast<double>(result.lags_searched);
}
BENCHMARK(BM_EnfMatch10MinAgainstOneYear)->Unit(benchmark::kMillisecond)->Iterations(3);

}  // namespace

BENCHMARK_MAIN();

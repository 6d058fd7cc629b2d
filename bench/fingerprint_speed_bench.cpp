// Speed of the fingerprint hot loops on real speech (FSDD): peak picking,
// landmark hashing, and index lookups with segment matching.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <filesystem>
#include <fmt/format.h>

#include "fingerprint/archive_index.h"
#include "fingerprint/landmarks.h"
#include "fingerprint/segment_matcher.h"
#include "fingerprint/spectral_peaks.h"
#include "media/decode.h"
#include "support/test_support.h"

namespace fp = prov::fingerprint;

namespace {

// Figures are per core: peak picking would otherwise share long signals out
// between threads.
const fp::PeakParams& one_core() {
  static const fp::PeakParams p = [] {
    fp::PeakParams q;
    q.threads = 1;
    return q;
  }();
  return p;
}

// About a minute of real speech: FSDD utterances of one speaker, end to end.
const prov::Signal& speech() {
  static const prov::Signal s = [] {
    prov::Signal out{{}, 16000, 0.0, {}};
    const auto dir = prov::test::shared_data_dir() / "fsdd";
    for (int index = 0; index < 12; ++index)
      for (int digit = 0; digit < 10; ++digit) {
        const auto u = prov::media::decode_mono((dir / fmt::format("{}_george_{}.wav", digit, index)).string(), 16000);
        out.samples.insert(out.samples.end(), u.samples.begin(), u.samples.end());
        out.samples.insert(out.samples.end(), 3200, 0.0f);
      }
    return out;
  }();
  return s;
}

bool have_data(benchmark::State& state) {
  if (prov::test::missing_shared_data("fsdd").empty()) return true;
  state.SkipWithError("shared data fsdd/ is absent");
  return false;
}

void BM_SpectralPeaks(benchmark::State& state) {
  if (!have_data(state)) return;
  const auto& s = speech();
  for (auto _ : state) benchmark::DoNotOptimize(fp::find_spectral_peaks(s, one_core()));
  state.counters["x_realtime"] = benchmark::Counter(s.duration_s() * state.iterations(), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_SpectralPeaks)->Unit(benchmark::kMillisecond);

void BM_ArchiveLandmarks(benchmark::State& state) {
  if (!have_data(state)) return;
  const auto peaks = fp::find_spectral_peaks(speech(), one_core());
  for (auto _ : state) benchmark::DoNotOptimize(fp::archive_landmarks(peaks));
  state.counters["x_realtime"] = benchmark::Counter(speech().duration_s() * state.iterations(), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_ArchiveLandmarks)->Unit(benchmark::kMillisecond);

void BM_QueryLandmarks(benchmark::State& state) {
  if (!have_data(state)) return;
  const auto peaks = fp::find_spectral_peaks(speech(), one_core());
  for (auto _ : state) benchmark::DoNotOptimize(fp::query_landmarks(peaks));
  state.counters["x_realtime"] = benchmark::Counter(speech().duration_s() * state.iterations(), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_QueryLandmarks)->Unit(benchmark::kMillisecond);

// Ingest into an on-disk archive (peaks + landmarks + SQLite writes), one core.
void BM_Ingest(benchmark::State& state) {
  if (!have_data(state)) return;
  prov::test::TempDir dir;
  auto index = fp::ArchiveIndex::open((dir / "a.sqlite").string(), fp::ArchiveIndex::Mode::create_if_missing);
  int n = 0;
  for (auto _ : state) {
    index.add(fmt::format("{:064}", n++), {"bench", "", "", ""}, speech().duration_s(), fp::find_spectral_peaks(speech(), one_core()));
  }
  state.counters["x_realtime"] = benchmark::Counter(speech().duration_s() * state.iterations(), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_Ingest)->Unit(benchmark::kMillisecond);

// A one-minute query against an archive of 30 copies of related speech: lookups plus voting.
void BM_MatchQuery(benchmark::State& state) {
  if (!have_data(state)) return;
  prov::test::TempDir dir;
  auto index = fp::ArchiveIndex::open((dir / "a.sqlite").string(), fp::ArchiveIndex::Mode::create_if_missing);
  const auto peaks = fp::find_spectral_peaks(speech(), one_core());
  for (int i = 0; i < 30; ++i) {
    auto shifted = peaks;
    for (auto& p : shifted) p.freq_hz *= 1.0f + 0.004f * static_cast<float>(i);
    index.add(fmt::format("{:064}", i), {"bench", "", "", ""}, speech().duration_s(), shifted);
  }
  const auto query = fp::query_landmarks(peaks);
  for (auto _ : state) benchmark::DoNotOptimize(fp::match_segments(query, index));
  state.counters["x_realtime"] = benchmark::Counter(speech().duration_s() * state.iterations(), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_MatchQuery)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();

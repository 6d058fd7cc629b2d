// Speed of the video hot loops (issue 13): PDQ-style hashing of sampled
// frames, decoding plus sampling plus hashing of a real clip, and a query of
// a 46-minute video's frame hashes against a million stored ones.
#include <benchmark/benchmark.h>

#include <random>

#include "support/test_support.h"
#include "video/frame_index.h"
#include "video/video_matcher.h"

namespace video = prov::video;

namespace {

std::string clip(const std::string& relative) { return (prov::test::shared_data_dir() / "video" / relative).string(); }

// Sampled pictures (128x128 grey, as the sampler hands them over) of a real film clip.
const std::vector<video::GreyImage>& pictures() {
  static const std::vector<video::GreyImage> all = [] {
    std::vector<video::GreyImage> out;
    video::SampleOptions o;
    o.interval_s = 0.25;
    video::sample_frames(clip("blender/clip_03_sintel.mp4"), o, [&](const video::SampledFrame& f) { out.push_back(f.picture); });
    return out;
  }();
  return all;
}

// All eight variants from one DCT, one thread: frames per second per core.
void BM_PdqHashDihedral(benchmark::State& state) {
  if (!prov::test::missing_shared_data("video").empty()) return state.SkipWithError("shared/data/video absent");
  const auto& p = pictures();
  std::size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(video::pdq_hash_dihedral(p[i++ % p.size()]));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}
BENCHMARK(BM_PdqHashDihedral)->Unit(benchmark::kMicrosecond);

// Decoding every frame (one decoder thread), scaling it for the scene score,
// and hashing the samples: the whole per-file cost of `archive add`.
void BM_DecodeSampleHash(benchmark::State& state, const std::string& relative, double seconds) {
  if (!prov::test::missing_shared_data("video").empty()) return state.SkipWithError("shared/data/video absent");
  video::FrameHashOptions o;
  o.sampling.decoder_threads = 1;
  o.sampling.interval_s = state.range(0) / 100.0;
  for (auto _ : state) benchmark::DoNotOptimize(video::hash_video(clip(relative), o));
  state.counters["x_real_time"] =
      benchmark::Counter(seconds * static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK_CAPTURE(BM_DecodeSampleHash, sintel_640x360_h264, "blender/clip_03_sintel.mp4", 10.0)
    ->Arg(100)->Arg(25)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK_CAPTURE(BM_DecodeSampleHash, grid_360x288_mpeg1, "grid/bbaf2n.mpg", 3.0)
    ->Arg(100)->Unit(benchmark::kMillisecond)->UseRealTime();

// A 46-minute query (11,040 frames at 0.25 s, eight variants each) against
// state.range(0) thousand stored frame hashes, after decoding. The stored hashes are
// random, which spreads them evenly over the index's buckets; real hash sets
// crowd some buckets, so this is a lower bound.
void BM_Query46Minutes(benchmark::State& state) {
  if (!prov::test::missing_shared_data("video").empty()) return state.SkipWithError("shared/data/video absent");
  std::mt19937_64 rng(7);
  std::vector<video::StoredVideo> stored;
  for (int v = 0; v < state.range(0); ++v) {
    video::StoredVideo s{v + 1, 1000.0, {}};
    for (int f = 0; f < 1000; ++f) s.frames.push_back({f * 1.0, {{rng(), rng(), rng(), rng()}}, 100, false});
    stored.push_back(std::move(s));
  }
  const video::FrameIndex index(std::move(stored));
  video::VideoHashes query;
  query.stream.frames_decoded = 1;
  query.stream.last_time_s = 46 * 60.0;
  const auto& p = pictures();
  for (int i = 0; i < 46 * 60 * 4; ++i) {
    const auto h = video::pdq_hash_dihedral(p[static_cast<std::size_t>(i) % p.size()]);
    query.frames.push_back({i * 0.25, h.of(video::Dihedral::identity), h.quality, false});
    query.dihedral.push_back(h);
  }
  const video::VideoMatchParams params;
  for (auto _ : state) benchmark::DoNotOptimize(video::match_video(query, index, params));
}
BENCHMARK(BM_Query46Minutes)->Arg(100)->Arg(1000)->Unit(benchmark::kMillisecond)->Iterations(1);

void BM_IndexMillionHashes(benchmark::State& state) {
  std::mt19937_64 rng(7);
  std::vector<video::StoredVideo> stored;
  for (int v = 0; v < 1000; ++v) {
    video::StoredVideo s{v + 1, 1000.0, {}};
    for (int f = 0; f < 1000; ++f) s.frames.push_back({f * 1.0, {{rng(), rng(), rng(), rng()}}, 100, false});
    stored.push_back(std::move(s));
  }
  for (auto _ : state) benchmark::DoNotOptimize(video::FrameIndex(stored));
}
BENCHMARK(BM_IndexMillionHashes)->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace

BENCHMARK_MAIN();

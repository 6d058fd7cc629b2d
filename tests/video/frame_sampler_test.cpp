#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <fstream>

#include "core/error.h"
#include "video/frame_sampler.h"
#include "video_clips.h"

namespace prov::test {
namespace {

using video::SampledFrame;

struct Sampled {
  video::VideoStreamInfo info;
  std::vector<SampledFrame> frames;
};

Sampled sample(const std::string& path, video::SampleOptions options = {}) {
  Sampled s;
  s.info = video::sample_frames(path, options, [&](const SampledFrame& f) {
    SampledFrame kept = f;
    kept.picture.pixels.clear();
    s.frames.push_back(kept);
  });
  return s;
}

TEST(FrameSampler, GridClipGivesOneFramePerSecondAndNoSceneChange) {
  PROV_REQUIRE_SHARED_DATA("video/grid");
  // GRID: 3 s of one talking face, one fixed camera, MPEG-1 at 25 fps.
  const auto s = sample(video_clip("grid/bbaf2n.mpg"));
  EXPECT_EQ(s.info.codec, "mpeg1video");
  EXPECT_EQ(s.info.width, 360);
  EXPECT_EQ(s.info.height, 288);
  EXPECT_EQ(s.info.frames_decoded, 75);
  EXPECT_NEAR(s.info.nominal_fps, 25.0, 1e-6);
  EXPECT_NEAR(s.info.last_time_s, 74 / 25.0, 1e-3);
  ASSERT_EQ(s.frames.size(), 3u);
  for (std::size_t i = 0; i < s.frames.size(); ++i) {
    EXPECT_NEAR(s.frames[i].time_s, static_cast<double>(i), 1e-3);
    EXPECT_EQ(s.frames[i].frame_number, static_cast<int64_t>(25 * i));
    EXPECT_FALSE(s.frames[i].scene_change);
  }
}

TEST(FrameSampler, FilmClipAddsItsCutsToTheRegularSamples) {
  PROV_REQUIRE_SHARED_DATA("video/blender");
  const auto s = sample(video_clip("blender/clip_03_sintel.mp4"));
  EXPECT_EQ(s.info.frames_decoded, 240);
  EXPECT_NEAR(s.info.nominal_fps, 24.0, 1e-6);
  int cuts = 0;
  double previous = -1;
  for (const auto& f : s.frames) {
    EXPECT_GT(f.time_s, previous);  // presentation order
    previous = f.time_s;
    // Frame numbers and times agree on the 24 fps grid.
    EXPECT_NEAR(f.time_s, f.frame_number / 24.0, 1e-3);
    if (f.scene_change) {
      ++cuts;
      EXPECT_GE(f.scene_score, 30.0);
    }
  }
  // Every whole second has its sample, cut or not.
  for (int k = 0; k < 10; ++k)
    EXPECT_TRUE(std::any_of(s.frames.begin(), s.frames.end(),
                            [&](const SampledFrame& f) { return std::abs(f.time_s - k) < 1e-3; }))
        << k << " s";
  EXPECT_GE(cuts, 3);  // this trailer stretch is cut every second or two
  // Without scene changes: exactly the 10 grid samples.
  video::SampleOptions plain;
  plain.scene_changes = false;
  EXPECT_EQ(sample(video_clip("blender/clip_03_sintel.mp4"), plain).frames.size(), 10u);
}

TEST(FrameSampler, PicturesAreScaledGreyOfTheRequestedSize) {
  PROV_REQUIRE_SHARED_DATA("video/blender");
  video::SampleOptions options;
  options.width = 96;
  options.height = 64;
  options.scene_changes = false;
  int seen = 0;
  video::sample_frames(video_clip("blender/big_buck_bunny_small.mp4"), options, [&](const SampledFrame& f) {
    ++seen;
    ASSERT_EQ(f.picture.width, 96);
    ASSERT_EQ(f.picture.height, 64);
    ASSERT_EQ(f.picture.pixels.size(), 96u * 64u);
    int lo = 255, hi = 0;
    for (auto p : f.picture.pixels) lo = std::min<int>(lo, p), hi = std::max<int>(hi, p);
    EXPECT_GT(hi - lo, 60) << "a frame of a cartoon has contrast";
  });
  EXPECT_EQ(seen, 6);  // 5.28 s: samples at 0..5 s
}

TEST(FrameSampler, EveryDecodedFrameIsTimed) {
  PROV_REQUIRE_SHARED_DATA("video/grid");
  std::vector<double> times;
  video::sample_frames(video_clip("grid/lwbsza.mpg"), {}, {},
                       [&](const video::DecodedFrameTiming& t) { times.push_back(t.time_s); });
  ASSERT_EQ(times.size(), 75u);
  for (std::size_t i = 1; i < times.size(); ++i) EXPECT_NEAR(times[i] - times[i - 1], 0.04, 1e-3);
}

// Bad input: each kind gives an InputError naming the file and the problem.
void expect_input_error(const std::string& path, const std::string& words) {
  try {
    video::sample_frames(path, {}, {});
    FAIL() << path << ": accepted";
  } catch (const InputError& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find(path), std::string::npos) << message;
    EXPECT_NE(message.find(words), std::string::npos) << message;
  }
}

TEST(FrameSamplerBadInput, TextFileIsNotAVideo) {
  TempDir dir;
  const std::string path = (dir / "notes.mp4").string();
  std::ofstream(path) << "these are notes, not a video\n";
  expect_input_error(path, "not a media file");
}

TEST(FrameSamplerBadInput, AudioOnlyFileHasNoVideoStream) {
  PROV_REQUIRE_SHARED_DATA("fsdd");
  expect_input_error((shared_data_dir() / "fsdd" / "0_george_0.wav").string(), "contains no video stream");
}

TEST(FrameSamplerBadInput, TruncatedVideoIsRefusedUnlessAllowed) {
  PROV_REQUIRE_SHARED_DATA("video/blender");
  PROV_REQUIRE_PROGRAM("ffmpeg");
  TempDir dir;
  // The index at the front (faststart), so the cut file still opens and declares 10 s.
  const std::string whole = ffmpeg_encode(dir, video_clip("blender/clip_01_tears_of_steel.mp4"), "whole.mp4",
                                          "-c copy -an -movflags +faststart");
  std::ifstream in(whole, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const std::string cut = (dir / "cut.mp4").string();
  std::ofstream(cut, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(bytes.size() / 2));
  expect_input_error(cut, "truncated");
  video::SampleOptions lenient;
  lenient.allow_truncated = true;
  int samples = 0;
  const auto info = video::sample_frames(cut, lenient, [&](const SampledFrame&) { ++samples; });
  EXPECT_GT(info.frames_decoded, 24);
  EXPECT_LT(info.last_time_s, 8.0);
  EXPECT_GT(samples, 1);
}

TEST(FrameSamplerBadInput, MissingAndEmptyFiles) {
  TempDir dir;
  expect_input_error((dir / "absent.mp4").string(), "no such file");
  const std::string empty = (dir / "empty.mp4").string();
  std::ofstream{empty};
  expect_input_error(empty, "empty");
}

}  // namespace
}  // namespace prov::test

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <iostream>

#include "video/frame_hashes.h"
#include "video/pdq_hash.h"
#include "video_clips.h"

namespace prov::test {
namespace {

using video::Dihedral;
using video::GreyImage;
using video::hamming_distance;

GreyImage transformed(const GreyImage& in, const std::function<std::pair<int, int>(int x, int y, int n)>& source_of) {
  // Square pictures only: every symmetry keeps the size.
  GreyImage out = in;
  const int n = in.width;
  for (int y = 0; y < n; ++y)
    for (int x = 0; x < n; ++x) {
      const auto [sx, sy] = source_of(x, y, n);
      out.pixels[static_cast<std::size_t>(y) * n + x] = in.at(sx, sy);
    }
  return out;
}

TEST(PdqHash, EachDihedralVariantIsTheHashOfTheTransformedPicture) {
  PROV_REQUIRE_SHARED_DATA("video/blender");
  const auto frames = regular_samples(video_clip("blender/clip_01_tears_of_steel.mp4"));
  ASSERT_GE(frames.size(), 5u);
  using Map = std::function<std::pair<int, int>(int, int, int)>;
  const std::vector<std::pair<Dihedral, Map>> cases = {
      {Dihedral::mirror, [](int x, int y, int n) { return std::pair(n - 1 - x, y); }},
      {Dihedral::flip, [](int x, int y, int n) { return std::pair(x, n - 1 - y); }},
      {Dihedral::rotate_180, [](int x, int y, int n) { return std::pair(n - 1 - x, n - 1 - y); }},
      {Dihedral::transpose, [](int x, int y, int) { return std::pair(y, x); }},
      {Dihedral::rotate_90, [](int x, int y, int n) { return std::pair(y, n - 1 - x); }},
      {Dihedral::rotate_270, [](int x, int y, int n) { return std::pair(n - 1 - y, x); }},
      {Dihedral::anti_transpose, [](int x, int y, int n) { return std::pair(n - 1 - y, n - 1 - x); }},
  };
  for (const auto& frame : {frames[1].picture, frames[4].picture}) {
    const auto all = video::pdq_hash_dihedral(frame);
    for (const auto& [which, map] : cases) {
      const auto direct = video::pdq_hash(transformed(frame, map));
      // Only coefficients tied at the median may differ.
      EXPECT_LE(hamming_distance(direct.bits, all.of(which)), 2) << video::to_string(which);
      EXPECT_GE(hamming_distance(direct.bits, all.of(Dihedral::identity)), 60) << video::to_string(which);
      EXPECT_EQ(direct.quality, all.quality);
    }
  }
}

// Distances between the hashes of the regular samples at the same times.
std::vector<int> same_time_distances(const std::string& a, const std::string& b, Dihedral variant_of_b) {
  const auto fa = regular_samples(a), fb = regular_samples(b);
  EXPECT_EQ(fa.size(), fb.size());
  std::vector<int> d;
  for (std::size_t i = 0; i < std::min(fa.size(), fb.size()); ++i)
    d.push_back(hamming_distance(video::pdq_hash(fa[i].picture).bits,
                                 video::pdq_hash_dihedral(fb[i].picture).of(variant_of_b)));
  return d;
}

TEST(PdqHash, ReencodedAndResizedFramesStayClose) {
  PROV_REQUIRE_SHARED_DATA("video");
  PROV_REQUIRE_PROGRAM("ffmpeg");
  TempDir dir;
  const std::string grid = video_clip("grid/bbaf2n.mpg"), film = video_clip("blender/clip_03_sintel.mp4");
  const std::vector<std::pair<std::string, std::string>> copies = {
      {grid, ffmpeg_encode(dir, grid, "grid_h264.mp4", "-an -c:v libx264 -b:v 150k -vf scale=240:192")},
      {film, ffmpeg_encode(dir, film, "film_vp9.webm", "-an -c:v libvpx-vp9 -deadline realtime -cpu-used 8 -b:v 200k -vf scale=320:180")},
      {film, ffmpeg_encode(dir, film, "film_up.mp4", "-an -c:v libx264 -preset ultrafast -crf 30 -vf scale=960:540")},
  };
  for (const auto& [original, copy] : copies) {
    const auto d = same_time_distances(original, copy, Dihedral::identity);
    ASSERT_FALSE(d.empty());
    EXPECT_LE(*std::max_element(d.begin(), d.end()), 20) << copy;
  }
}

TEST(PdqHash, FramesOfDifferentClipsAreFarApart) {
  PROV_REQUIRE_SHARED_DATA("video");
  // Same studio, backdrop and camera for every GRID speaker; the films differ wholly.
  const std::vector<std::string> clips = {"grid/bbaf2n.mpg", "grid/pwij3p.mpg", "grid/sbwe5n.mpg",
                                          "grid/id2_vcd_swwp2s.mpg", "blender/clip_01_tears_of_steel.mp4",
                                          "blender/clip_02_caminandes.mp4", "blender/big_buck_bunny_small.mp4"};
  std::vector<std::vector<video::Hash256>> hashes;
  for (const auto& c : clips) {
    hashes.emplace_back();
    for (const auto& f : regular_samples(video_clip(c))) hashes.back().push_back(video::pdq_hash(f.picture).bits);
  }
  int closest = 256;
  std::string pair;
  for (std::size_t a = 0; a < hashes.size(); ++a)
    for (std::size_t b = a + 1; b < hashes.size(); ++b)
      for (const auto& ha : hashes[a])
        for (const auto& hb : hashes[b]) {
          const int d = hamming_distance(ha, hb);
          if (d < closest) closest = d, pair = clips[a] + " / " + clips[b];
        }
  EXPECT_GE(closest, 56) << pair;
  std::cout << "closest frames of different clips: " << closest << " bits (" << pair << ")\n";
}

TEST(PdqHash, MirroredAndRotatedVideosMatchTheirVariants) {
  PROV_REQUIRE_SHARED_DATA("video/grid");
  PROV_REQUIRE_PROGRAM("ffmpeg");
  TempDir dir;
  const std::string grid = video_clip("grid/lbbc2a.mpg");
  const std::string mirrored = ffmpeg_encode(dir, grid, "mirror.mp4", "-an -c:v libx264 -crf 23 -vf hflip");
  const std::string rotated = ffmpeg_encode(dir, grid, "rot.mp4", "-an -c:v libx264 -crf 23 -vf transpose=1");
  // Hash of the original's variant against the transformed copy: mirror is
  // its own inverse; undoing a clockwise turn is a turn anticlockwise.
  for (int d : same_time_distances(grid, mirrored, Dihedral::mirror)) EXPECT_LE(d, 31);
  for (int d : same_time_distances(grid, rotated, Dihedral::rotate_270)) EXPECT_LE(d, 31);
  for (int d : same_time_distances(grid, mirrored, Dihedral::identity)) EXPECT_GE(d, 60);
}

TEST(PdqHash, FlatAndBlackFramesAreSkipped) {
  GreyImage flat{128, 128, std::vector<uint8_t>(128 * 128, 120)};
  EXPECT_EQ(video::pdq_hash(flat).quality, 0);
  video::FrameHashOptions options;
  EXPECT_STREQ(video::skip_reason(flat, video::pdq_hash(flat).quality, options), "low quality");
  // A smooth ramp (a fade, a sky) has no detail either.
  GreyImage ramp = flat;
  for (int y = 0; y < 128; ++y)
    for (int x = 0; x < 128; ++x) ramp.pixels[y * 128 + x] = static_cast<uint8_t>(60 + x / 2);
  EXPECT_LT(video::pdq_hash(ramp).quality, 10);
  GreyImage black{128, 128, std::vector<uint8_t>(128 * 128, 3)};
  for (int i = 0; i < 128 * 128; i += 7) black.pixels[i] = 12;  // sensor noise on black
  EXPECT_STREQ(video::skip_reason(black, 100, options), "black");
}

TEST(PdqHash, RealFramesHaveHighQuality) {
  PROV_REQUIRE_SHARED_DATA("video");
  for (const std::string clip : {"grid/brbk7n.mpg", "blender/clip_02_caminandes.mp4"})
    for (const auto& f : regular_samples(video_clip(clip))) {
      EXPECT_GE(video::pdq_hash(f.picture).quality, 80) << clip << " at " << f.time_s;
      EXPECT_EQ(video::skip_reason(f.picture, video::pdq_hash(f.picture).quality, {}), nullptr);
    }
}

TEST(FrameHashes, CentreCropHashFindsACroppedCopy) {
  PROV_REQUIRE_SHARED_DATA("video/blender");
  PROV_REQUIRE_PROGRAM("ffmpeg");
  TempDir dir;
  const std::string film = video_clip("blender/clip_01_tears_of_steel.mp4");
  const std::string cropped =
      ffmpeg_encode(dir, film, "crop.mp4", "-an -c:v libx264 -preset veryfast -crf 23 -vf crop=iw*0.95:ih*0.95");
  const auto original = regular_samples(film), copy = regular_samples(cropped);
  ASSERT_EQ(original.size(), copy.size());
  int whole_total = 0, centre_total = 0;
  for (std::size_t i = 0; i < original.size(); ++i) {
    const auto copy_hash = video::pdq_hash(copy[i].picture).bits;
    const int whole = hamming_distance(video::pdq_hash(original[i].picture).bits, copy_hash);
    const int centre = hamming_distance(video::pdq_hash(video::centre_of(original[i].picture, 0.95)).bits, copy_hash);
    EXPECT_LE(centre, 31) << "at " << original[i].time_s << " s";
    whole_total += whole;
    centre_total += centre;
  }
  EXPECT_LT(centre_total * 2, whole_total);  // the whole-frame hash moves much more
  const auto centre = video::centre_of(original[0].picture, 0.95);
  EXPECT_EQ(centre.width, 122);
  EXPECT_EQ(centre.height, 122);
  EXPECT_EQ(centre.at(0, 0), original[0].picture.at(3, 3));
}

TEST(FrameHashes, PackedFormRoundTrips) {
  std::vector<video::FrameHash> frames(3);
  frames[0] = {0.0, {}, 100, false};
  frames[1] = {1.04, {}, 57, true, true};
  frames[1].hash.words = {0x0123456789abcdefULL, ~0ULL, 0, 42};
  frames[2] = {3600.5, {}, 0, false};
  const auto back = video::unpack_frame_hashes(video::pack_frame_hashes(frames));
  ASSERT_EQ(back.size(), 3u);
  EXPECT_EQ(back[1].hash, frames[1].hash);
  EXPECT_NEAR(back[1].time_s, 1.04, 1e-9);
  EXPECT_EQ(back[1].quality, 57);
  EXPECT_TRUE(back[1].scene_change);
  EXPECT_TRUE(back[1].centre_crop);
  EXPECT_FALSE(back[0].centre_crop);
  EXPECT_NEAR(back[2].time_s, 3600.5, 1e-9);
  EXPECT_THROW(video::unpack_frame_hashes("PDQ1\x05"), std::runtime_error);
  std::string damaged = video::pack_frame_hashes(frames);
  damaged.pop_back();
  EXPECT_THROW(video::unpack_frame_hashes(damaged), std::runtime_error);
}

}  // namespace
}  // namespace prov::test

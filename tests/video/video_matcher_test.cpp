#include <gtest/gtest.h>

#include <algorithm>
#include <iostream>

#include "core/error.h"
#include "video/frame_index.h"
#include "video/video_findings.h"
#include "video/video_matcher.h"
#include "video_clips.h"

namespace prov::test {
namespace {

using video::VideoSegmentMatch;

// The archive side: three films and two GRID speakers, hashed as `archive add` does.
video::FrameIndex archive_of(const std::vector<std::string>& clips) {
  std::vector<video::StoredVideo> stored;
  for (std::size_t i = 0; i < clips.size(); ++i) {
    auto h = video::hash_video(video_clip(clips[i]), video::archive_hash_options());
    stored.push_back({static_cast<int64_t>(i + 1), h.duration_s(), std::move(h.frames)});
  }
  return video::FrameIndex(std::move(stored));
}

const std::vector<std::string> kArchived = {"blender/clip_01_tears_of_steel.mp4", "blender/clip_02_caminandes.mp4",
                                            "blender/clip_03_sintel.mp4", "grid/bbaf2n.mpg", "grid/pwij3p.mpg"};

std::vector<VideoSegmentMatch> query(const video::FrameIndex& index, const std::string& path) {
  const video::VideoMatchParams params;
  auto matches = video::match_video(video::hash_video(path, video::query_hash_options(params)), index, params);
  for (const auto& m : matches)
    std::cout << "  item " << m.item << " query " << m.query_start_s << "-" << m.query_end_s << " item "
              << m.item_start_s << "-" << m.item_end_s << " " << video::to_string(m.transform) << " frames "
              << m.matched_frames << "/" << m.query_frames << " distance " << m.mean_distance << "\n";
  return matches;
}

class VideoMatcher : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string missing = missing_shared_data("video");
    if (!missing.empty()) GTEST_SKIP() << missing;
    if (!have_program("ffmpeg")) GTEST_SKIP() << "SKIPPED: program 'ffmpeg' is not installed";
  }
  // Hashed once for the suite.
  static const video::FrameIndex& archive() {
    static const video::FrameIndex index = archive_of(kArchived);
    return index;
  }
};

TEST_F(VideoMatcher, FindsASplicedStretchWithTimesOnBothSides) {
  const auto& index = archive();
  TempDir dir;
  // 3 s of an archived GRID speaker, then 5 s of Sintel from its 2nd second
  // on, then an unarchived GRID speaker: one H.264 file at 480x270.
  const std::string spliced = (dir / "spliced.mp4").string();
  const auto r = run_command(
      "ffmpeg -nostdin -loglevel error -y -i " + shell_quote(video_clip("grid/bbaf2n.mpg")) + " -ss 2 -t 5 -i " +
      shell_quote(video_clip("blender/clip_03_sintel.mp4")) + " -i " + shell_quote(video_clip("grid/lbbc2a.mpg")) +
      " -filter_complex \"[0:v]scale=480:270,fps=25,setsar=1[a];[1:v]scale=480:270,fps=25,setsar=1[b];"
      "[2:v]scale=480:270,fps=25,setsar=1[c];[a][b][c]concat=n=3:v=1:a=0[v]\" -map \"[v]\" -c:v libx264 "
      "-preset veryfast -crf 26 " +
      shell_quote(spliced));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const auto matches = query(index, spliced);
  ASSERT_EQ(matches.size(), 2u);
  const auto& grid = matches[0];
  EXPECT_EQ(grid.item, 4);
  EXPECT_NEAR(grid.query_start_s, 0.0, 0.3);
  EXPECT_NEAR(grid.query_end_s, 3.0, 0.5);
  EXPECT_NEAR(grid.item_start_s, 0.0, 0.3);
  const auto& film = matches[1];
  EXPECT_EQ(film.item, 3);
  EXPECT_EQ(film.transform, video::Dihedral::identity);
  // Query 3 s is Sintel's 2 s. The archive keeps a frame a second (and
  // one at each cut), so the ends are found to within about a second.
  EXPECT_NEAR(film.item_start_s - film.query_start_s, -1.0, 0.3);
  EXPECT_NEAR(film.query_start_s, 3.0, 1.0);
  EXPECT_NEAR(film.query_end_s, 8.0, 1.0);
  EXPECT_NEAR(film.item_start_s, 2.0, 1.0);
  EXPECT_NEAR(film.item_end_s, 7.0, 1.0);
  EXPECT_FALSE(film.whole_video);
  EXPECT_FALSE(grid.whole_video);  // 3 of the query's 11 s
}

TEST_F(VideoMatcher, ReencodedCopyIsAWholeVideoNearDuplicate) {
  const auto& index = archive();
  TempDir dir;
  const std::string copy = ffmpeg_encode(dir, video_clip("blender/clip_01_tears_of_steel.mp4"), "copy.webm",
                                         "-an -c:v libvpx-vp9 -deadline realtime -cpu-used 8 -b:v 300k -vf scale=426:240");
  const auto matches = query(index, copy);
  ASSERT_EQ(matches.size(), 1u);
  EXPECT_EQ(matches[0].item, 1);
  EXPECT_TRUE(matches[0].whole_video);
  EXPECT_LT(matches[0].mean_distance, 20);

  const auto names = std::vector<video::ArchivedVideoName>{{1, "Tears of Steel", "2012-09-26", "ab"}};
  const auto findings = video::video_reuse_findings(matches, names);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].kind, "reuse");
  EXPECT_EQ(findings[0].detector, "video.near_duplicate");
  EXPECT_NE(findings[0].summary.find("whole video"), std::string::npos) << findings[0].summary;
}

TEST_F(VideoMatcher, MirroredCopyIsFoundAsMirrored) {
  const auto& index = archive();
  TempDir dir;
  const std::string copy = ffmpeg_encode(dir, video_clip("blender/clip_02_caminandes.mp4"), "mirror.mp4",
                                         "-an -c:v libx264 -preset veryfast -crf 28 -vf hflip");
  const auto matches = query(index, copy);
  ASSERT_EQ(matches.size(), 1u);
  EXPECT_EQ(matches[0].item, 2);
  EXPECT_EQ(matches[0].transform, video::Dihedral::mirror);
  EXPECT_TRUE(matches[0].whole_video);
}

TEST_F(VideoMatcher, UnarchivedVideosMatchNothing) {
  const auto& index = archive();
  for (const std::string clip : {"grid/lbbc2a.mpg", "grid/sbwe5n.mpg", "grid/id2_vcd_swwp2s.mpg",
                                 "blender/big_buck_bunny_small.mp4"})
    EXPECT_TRUE(query(index, video_clip(clip)).empty()) << clip;
}

TEST(FrameIndex, FindsEveryStoredHashWithin31BitsAndChecksAll256) {
  // Hashes of real frames, and copies with 31 and 32 bits flipped.
  PROV_REQUIRE_SHARED_DATA("video/blender");
  auto frames = video::hash_video(video_clip("blender/clip_01_tears_of_steel.mp4")).frames;
  ASSERT_GE(frames.size(), 5u);
  std::vector<video::StoredVideo> stored{{7, 10.0, frames}};
  const video::FrameIndex index(std::move(stored));
  for (const auto& f : frames) {
    video::Hash256 near = f.hash, far = f.hash;
    for (int i = 0; i < 31; ++i) near.words[(i * 8 + 3) / 64] ^= uint64_t{1} << ((i * 8 + 3) % 64);
    far = near;
    far.words[3] ^= uint64_t{1} << 63;
    std::vector<video::FrameHit> hits;
    index.search(near, 31, hits);
    EXPECT_TRUE(std::any_of(hits.begin(), hits.end(), [&](const auto& h) {
      return index.frame(h.frame).hash->hash == f.hash && h.distance == 31;
    }));
    hits.clear();
    index.search(far, 31, hits);
    EXPECT_FALSE(std::any_of(hits.begin(), hits.end(), [&](const auto& h) { return index.frame(h.frame).hash->hash == f.hash; }));
    EXPECT_EQ(index.frame(0).item, 7);
  }
}

}  // namespace
}  // namespace prov::test

// `provenance archive add|match` and `analyze --archive` with videos.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "video_clips.h"

namespace prov::test {
namespace {

CommandResult provenance(const std::string& arguments, bool with_stderr = true) {
  return run_command(shell_quote(PROVENANCE_CLI) + " " + arguments + (with_stderr ? " </dev/null" : " </dev/null 2>/dev/null"));
}

nlohmann::json json_of(const CommandResult& r) {
  try {
    return nlohmann::json::parse(r.output);
  } catch (const std::exception& e) {
    ADD_FAILURE() << "not JSON: " << r.output;
    return {};
  }
}

class VideoArchiveCli : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string missing = missing_shared_data("video");
    if (!missing.empty()) GTEST_SKIP() << missing;
    if (!have_program("ffmpeg")) GTEST_SKIP() << "SKIPPED: program 'ffmpeg' is not installed";
    archive_ = (dir_ / "archive.sqlite").string();
    const auto r = provenance("archive add --json --archive " + shell_quote(archive_) + " " +
                                  shell_quote(video_clip("blender/clip_03_sintel.mp4")) + " " +
                                  shell_quote(video_clip("blender/big_buck_bunny_small.mp4")),
                              false);
    ASSERT_EQ(r.exit_code, 0) << r.output;
    const auto j = json_of(r);
    ASSERT_EQ(j["results"].size(), 2u);
    for (const auto& entry : j["results"]) {
      EXPECT_EQ(entry["status"], "added");
      EXPECT_GE(entry["item"]["video_frames"].get<int>(), 6);
    }
    EXPECT_EQ(j["results"][0]["item"]["landmarks"], 0);  // the Sintel clip is silent
    EXPECT_GT(j["results"][1]["item"]["landmarks"].get<int>(), 0);
  }
  TempDir dir_;
  std::string archive_;
};

TEST_F(VideoArchiveCli, MatchReportsTheReusedStretchWithTimesOnBothSides) {
  // 4 s of Sintel from its 5th second, after 3 s of an unarchived GRID clip.
  const std::string spliced = (dir_ / "spliced.mkv").string();
  const auto made = run_command(
      "ffmpeg -nostdin -loglevel error -y -i " + shell_quote(video_clip("grid/sbwe5n.mpg")) + " -ss 5 -t 4 -i " +
      shell_quote(video_clip("blender/clip_03_sintel.mp4")) +
      " -filter_complex \"[0:v]scale=640:360,fps=24,setsar=1[a];[1:v]fps=24,setsar=1[b];[a][b]concat=n=2:v=1:a=0[v]\""
      " -map \"[v]\" -c:v libx264 -preset veryfast -crf 27 " + shell_quote(spliced));
  ASSERT_EQ(made.exit_code, 0) << made.output;
  const auto r = provenance("archive match --json --archive " + shell_quote(archive_) + " " + shell_quote(spliced), false);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const auto j = json_of(r);
  ASSERT_TRUE(j.contains("video")) << r.output;
  const auto& segments = j["video"]["segments"];
  ASSERT_EQ(segments.size(), 1u) << r.output;
  const auto& e = segments[0]["evidence"];
  EXPECT_EQ(e["archive_title"], "clip_03_sintel");
  EXPECT_NEAR(e["query_start_s"].get<double>(), 3.0, 1.0);
  EXPECT_NEAR(e["query_end_s"].get<double>(), 7.0, 1.0);
  EXPECT_NEAR(e["item_start_s"].get<double>() - e["query_start_s"].get<double>(), 2.0, 0.3);
  EXPECT_FALSE(e["whole_video"].get<bool>());
  // The plain listing names it too.
  const auto text = provenance("archive match --archive " + shell_quote(archive_) + " " + shell_quote(spliced));
  EXPECT_EQ(text.exit_code, 0);
  EXPECT_NE(text.output.find("pictures: 1 reused segment"), std::string::npos) << text.output;
}

TEST_F(VideoArchiveCli, AnalyzeReportsAWholeVideoNearDuplicate) {
  const std::string copy = ffmpeg_encode(dir_, video_clip("blender/big_buck_bunny_small.mp4"), "copy.mp4",
                                         "-vf scale=200:150 -c:v libx264 -preset veryfast -crf 30 -c:a aac -b:a 64k");
  const auto r = provenance("analyze --json --archive " + shell_quote(archive_) + " " + shell_quote(copy), false);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const auto j = json_of(r);
  int near_duplicates = 0;
  for (const auto& f : j["findings"])
    if (f["detector"] == "video.near_duplicate") {
      ++near_duplicates;
      EXPECT_EQ(f["evidence"]["archive_title"], "big_buck_bunny_small");
    }
  EXPECT_EQ(near_duplicates, 1) << r.output;
}

TEST_F(VideoArchiveCli, BadVideosAreRefusedAndTheArchiveIsUntouched) {
  const std::string before = file_sha256(archive_);
  const std::string text = (dir_ / "notes.mp4").string();
  std::ofstream(text) << "not a video\n";
  auto r = provenance("archive add --archive " + shell_quote(archive_) + " " + shell_quote(text));
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("not a media file"), std::string::npos) << r.output;

  // A video cut in half, its index at the front, so it still opens.
  const std::string whole = ffmpeg_encode(dir_, video_clip("blender/clip_02_caminandes.mp4"), "whole.mp4",
                                          "-c copy -movflags +faststart");
  std::ifstream in(whole, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const std::string cut = (dir_ / "cut.mp4").string();
  std::ofstream(cut, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(bytes.size() / 2));
  r = provenance("archive add --archive " + shell_quote(archive_) + " " + shell_quote(cut));
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("truncated"), std::string::npos) << r.output;
  r = provenance("archive match --archive " + shell_quote(archive_) + " " + shell_quote(cut));
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("truncated"), std::string::npos) << r.output;
  EXPECT_EQ(file_sha256(archive_), before);

  // Audio only: archived as audio, with no video frames.
  r = provenance("archive add --json --archive " + shell_quote(archive_) + " " +
                     shell_quote((shared_data_dir() / "fsdd" / "3_theo_7.wav").string()),
                 false);
  if (std::filesystem::exists(shared_data_dir() / "fsdd")) {
    EXPECT_EQ(r.exit_code, 0) << r.output;
    EXPECT_EQ(json_of(r)["results"][0]["item"]["video_frames"], 0);
  }
}

}  // namespace
}  // namespace prov::test

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <random>

#include "fingerprint/fsdd_material.h"
#include "support/test_support.h"

namespace ft = prov::fingerprint::test;
using prov::test::run_command;
using prov::test::shell_quote;

namespace {

std::string cli(const std::string& args) { return shell_quote(PROVENANCE_CLI) + " " + args + " 2>&1"; }

std::string cli_json(const std::string& args) { return shell_quote(PROVENANCE_CLI) + " " + args + " 2>/dev/null"; }

class ArchiveCli : public ::testing::Test {
 protected:
  void SetUp() override {
    PROV_REQUIRE_SHARED_DATA("fsdd");
    PROV_REQUIRE_PROGRAM("ffmpeg");
    speech_a_ = ft::fsdd_speech("nicolas", 0, 4);
    speech_b_ = ft::fsdd_speech("theo", 0, 4);
    ft::encode(dir_ / "speech_a.mp3", speech_a_, "-c:a libmp3lame -b:a 96k");
    ft::write_wav(dir_ / "speech_b.wav", speech_b_);
    // Query: unarchived speech, A 5-15 s, unarchived speech, B 8-14 s.
    const auto other = ft::fsdd_speech("lucas", 30, 2);
    prov::Signal q{{}, 16000, 0.0, {}};
    ft::append_slice(q, other, 0, 3);
    ft::append_slice(q, speech_a_, 5, 10);
    ft::append_slice(q, other, 4, 3);
    ft::append_slice(q, speech_b_, 8, 6);
    ft::encode(dir_ / "query.m4a", q, "-c:a aac -b:a 64k");
    archive_ = (dir_ / "archive.sqlite").string();
  }

  std::string add_args(const std::string& files) { return "archive add " + files + " --archive " + shell_quote(archive_); }

  prov::test::TempDir dir_;
  prov::Signal speech_a_, speech_b_;
  std::string archive_;
};

}  // namespace

TEST_F(ArchiveCli, AddListMatchRemove) {
  auto r = run_command(cli(add_args(shell_quote((dir_ / "speech_a.mp3").string())) +
                           " --title 'Sermon 2014' --source 'channel X' --released 2014-07-05"));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  r = run_command(cli(add_args(shell_quote((dir_ / "speech_b.wav").string()) + " " +
                               shell_quote((dir_ / "speech_a.mp3").string()))));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("already archived as item 1"), std::string::npos) << r.output;

  r = run_command(cli_json("archive list --json --archive " + shell_quote(archive_)));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const auto list = nlohmann::json::parse(r.output);
  ASSERT_EQ(list["items"].size(), 2u);
  EXPECT_EQ(list["items"][0]["title"], "Sermon 2014");
  EXPECT_EQ(list["items"][0]["source"], "channel X");
  EXPECT_EQ(list["items"][0]["released"], "2014-07-05");
  EXPECT_EQ(list["items"][0]["sha256"].get<std::string>().size(), 64u);

  r = run_command(cli_json("archive match --json " + shell_quote((dir_ / "query.m4a").string()) + " --archive " +
                           shell_quote(archive_)));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  auto found = nlohmann::json::parse(r.output)["segments"];
  ASSERT_EQ(found.size(), 2u) << r.output;
  EXPECT_EQ(found[0]["evidence"]["archive_title"], "Sermon 2014");
  EXPECT_NEAR(found[0]["start_s"].get<double>(), 3.0, 0.6);
  EXPECT_NEAR(found[0]["evidence"]["item_start_s"].get<double>(), 5.0, 0.6);
  EXPECT_EQ(found[1]["evidence"]["archive_item_id"], 2);
  EXPECT_NEAR(found[1]["start_s"].get<double>(), 16.0, 0.6);
  EXPECT_NEAR(found[1]["evidence"]["item_start_s"].get<double>(), 8.0, 0.6);

  r = run_command(cli("archive remove 1 --archive " + shell_quote(archive_)));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  r = run_command(cli_json("archive match --json " + shell_quote((dir_ / "query.m4a").string()) + " --archive " +
                           shell_quote(archive_)));
  found = nlohmann::json::parse(r.output)["segments"];
  ASSERT_EQ(found.size(), 1u) << r.output;
  EXPECT_EQ(found[0]["evidence"]["archive_item_id"], 2);
  r = run_command(cli("archive remove 1 --archive " + shell_quote(archive_)));
  EXPECT_EQ(r.exit_code, 1) << r.output;
}

TEST_F(ArchiveCli, AnalyzeWithAnArchiveAddsReuseFindingsAndATimeline) {
  ASSERT_EQ(run_command(cli(add_args(shell_quote((dir_ / "speech_a.mp3").string())))).exit_code, 0);
  const auto r = run_command(cli_json("analyze --json --no-progress " + shell_quote((dir_ / "query.m4a").string()) +
                                      " --archive " + shell_quote(archive_)));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const auto report = nlohmann::json::parse(r.output);
  int reuse = 0;
  for (const auto& f : report["findings"]) reuse += f["kind"] == "reuse";
  EXPECT_EQ(reuse, 1);
  bool timeline = false;
  for (const auto& s : report["sections"])
    if (s["id"] == "archive") timeline = !s["figures"].empty() && s["figures"][0]["svg"].get<std::string>().find("<svg") == 0;
  EXPECT_TRUE(timeline);
}

TEST_F(ArchiveCli, BadInputFailsCleanlyAndChangesNothing) {
  ASSERT_EQ(run_command(cli(add_args(shell_quote((dir_ / "speech_a.mp3").string())))).exit_code, 0);

  // Corrupt audio: random bytes with an audio extension.
  {
    std::ofstream junk(dir_ / "broken.mp3", std::ios::binary);
    std::mt19937 rng(7);
    for (int i = 0; i < 50000; ++i) junk.put(static_cast<char>(rng()));
  }
  auto r = run_command(cli(add_args(shell_quote((dir_ / "broken.mp3").string()))));
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("broken.mp3"), std::string::npos) << r.output;
  r = run_command(cli_json("archive list --json --archive " + shell_quote(archive_)));
  EXPECT_EQ(nlohmann::json::parse(r.output)["items"].size(), 1u);

  // Not an archive: a text file, and a missing file.
  std::ofstream(dir_ / "notes.txt") << "meeting notes, not an archive; long enough to fill a database header.......\n";
  r = run_command(cli("archive list --archive " + shell_quote((dir_ / "notes.txt").string())));
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("not a fingerprint archive"), std::string::npos) << r.output;
  r = run_command(cli("archive match " + shell_quote((dir_ / "query.m4a").string()) + " --archive " +
                      shell_quote((dir_ / "nowhere.sqlite").string())));
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("no such archive"), std::string::npos) << r.output;

  // Usage errors.
  EXPECT_EQ(run_command(cli("archive add --archive " + shell_quote(archive_))).exit_code, 2);
  EXPECT_EQ(run_command(cli("archive remove notanumber --archive " + shell_quote(archive_))).exit_code, 2);
}

TEST_F(ArchiveCli, MatchHasASensitivityOptionAndExplainsScoreAndScale) {
  auto r = run_command(cli("archive match --help"));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  for (const char* word : {"--sensitivity", "scale", "score", "query time = scale x item time", "false alarms"})
    EXPECT_NE(r.output.find(word), std::string::npos) << word << "\n" << r.output;

  ASSERT_EQ(run_command(cli(add_args(shell_quote((dir_ / "speech_a.mp3").string())))).exit_code, 0);
  const std::string query = shell_quote((dir_ / "query.m4a").string()) + " --archive " + shell_quote(archive_);
  r = run_command(cli("archive match " + query + " --sensitivity extreme"));
  EXPECT_EQ(r.exit_code, 2) << r.output;
  for (const char* level : {"low", "normal", "high"}) {
    r = run_command(cli_json("archive match --json " + query + " --sensitivity " + level));
    ASSERT_EQ(r.exit_code, 0) << r.output;
    const auto j = nlohmann::json::parse(r.output);
    EXPECT_EQ(j["sensitivity"], level);
    ASSERT_EQ(j["segments"].size(), 1u) << level << "\n" << r.output;
    const auto& e = j["segments"][0]["evidence"];
    EXPECT_GE(e["significance"].get<double>(), j["min_significance"].get<double>());
    EXPECT_GT(e["false_alarms_per_hour"].get<double>(), 0.0);
  }
  // The table names each match's false-alarm rate.
  r = run_command(cli("archive match " + query));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("/h"), std::string::npos) << r.output;
}

TEST_F(ArchiveCli, BatchAddReportsEachUnreadableFileAndGoesOn) {
  for (const char* name : {"broken1.mp3", "broken2.wav"}) {
    std::ofstream junk(dir_ / name, std::ios::binary);
    std::mt19937 rng(11);
    for (int i = 0; i < 20000; ++i) junk.put(static_cast<char>(rng()));
  }
  auto r = run_command(cli(add_args(shell_quote((dir_ / "broken1.mp3").string()) + " " +
                               shell_quote((dir_ / "speech_a.mp3").string()) + " " +
                               shell_quote((dir_ / "broken2.wav").string()) + " " +
                               shell_quote((dir_ / "speech_b.wav").string()))));
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("broken1.mp3: not added"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("broken2.wav: not added"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("2 of 4 file(s) could not be added"), std::string::npos) << r.output;
  r = run_command(cli_json("archive list --json --archive " + shell_quote(archive_)));
  EXPECT_EQ(nlohmann::json::parse(r.output)["items"].size(), 2u) << r.output;
}

TEST_F(ArchiveCli, FoldersAreAddedRecursivelyWithNormalisedPaths) {
  const auto sub = dir_ / "releases" / "2014" / "summer";
  std::filesystem::create_directories(sub);
  std::filesystem::copy_file(dir_ / "speech_a.mp3", dir_ / "releases" / "a.mp3");
  std::filesystem::copy_file(dir_ / "speech_b.wav", sub / "b.wav");
  std::ofstream(sub / "notes.txt") << "not audio\n";
  // A path with "." and ".." in it is stored absolute and lexically normal.
  const std::string messy = (dir_ / "releases" / "." / "2014" / ".." / ".").string();
  auto r = run_command(cli(add_args(shell_quote(messy))));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  r = run_command(cli_json("archive list --json --archive " + shell_quote(archive_)));
  const auto items = nlohmann::json::parse(r.output)["items"];
  ASSERT_EQ(items.size(), 2u) << r.output;
  const auto root = std::filesystem::absolute(dir_.path()).lexically_normal();
  EXPECT_EQ(items[0]["original_path"], (root / "releases" / "2014" / "summer" / "b.wav").string());
  EXPECT_EQ(items[1]["original_path"], (root / "releases" / "a.mp3").string());
}

TEST_F(ArchiveCli, SilenceIsArchivedWithAWarning) {
  ft::write_wav(dir_ / "silence.wav", prov::Signal{std::vector<float>(16000 * 5, 0.0f), 16000, 0.0, {}});
  const auto r = run_command(cli(add_args(shell_quote((dir_ / "silence.wav").string()))));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("warning"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("no landmarks"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("0 landmarks"), std::string::npos) << r.output;
}

TEST_F(ArchiveCli, ReleaseDateMustBeARealPastDate) {
  const std::string file = shell_quote((dir_ / "speech_b.wav").string());
  for (const char* bad : {"yesterday", "2014-02-30", "2014-13-01", "14-07-05", "2999-01-01", "2014-07-05x"}) {
    const auto r = run_command(cli(add_args(file) + " --released " + bad));
    EXPECT_EQ(r.exit_code, 2) << bad << "\n" << r.output;
    EXPECT_NE(r.output.find("--released"), std::string::npos) << r.output;
  }
  EXPECT_FALSE(std::filesystem::exists(archive_));
  const auto r = run_command(cli(add_args(file) + " --released 2016-02-29"));
  EXPECT_EQ(r.exit_code, 0) << r.output;
}

// Each kind of bad input: a one-line error naming the file, exit code 1, and
// a case store left exactly as it was.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "cli/cli_fixtures.h"

namespace prov::test {
namespace {

class BadInput : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!have_program("ffmpeg")) GTEST_SKIP() << "SKIPPED: program 'ffmpeg' is not installed";
    good_ = make_speech_m4a(dir_, "good.m4a");
    case_ = (dir_ / "case.db").string();
    const auto r = provenance("analyze " + shell_quote(good_) + " --case " + shell_quote(case_));
    ASSERT_EQ(r.exit_code, 0) << r.output;
    case_hash_ = file_sha256(case_);
  }

  // Analyses `path` into the case; expects a refusal that names `path`.
  void expect_refused(const std::string& path, const std::string& expected_words) {
    const auto r = provenance("analyze " + shell_quote(path) + " --case " + shell_quote(case_));
    EXPECT_EQ(r.exit_code, 1) << r.output;
    EXPECT_NE(r.output.find(path), std::string::npos) << "error must name the file: " << r.output;
    EXPECT_NE(r.output.find(expected_words), std::string::npos) << r.output;
    EXPECT_EQ(std::count(r.output.begin(), r.output.end(), '\n'), 1) << "one line: " << r.output;
    EXPECT_EQ(file_sha256(case_), case_hash_) << "case store changed";
  }

  std::string encoded(const std::string& name, const std::string& args) {
    return ffmpeg_encode(dir_, good_, name, args);
  }

  TempDir dir_;
  std::string good_, case_, case_hash_;
};

TEST_F(BadInput, EmptyFile) {
  const std::string path = (dir_ / "empty.mp3").string();
  std::ofstream(path).close();
  expect_refused(path, "empty");
}

TEST_F(BadInput, TextFileNamedWav) {
  const std::string path = (dir_ / "notes.wav").string();
  std::ofstream(path) << "meeting notes\nnot audio at all\n";
  expect_refused(path, "not a media file");
}

TEST_F(BadInput, TruncatedMp3) {
  const std::string path = encoded("cut.mp3", "-c:a libmp3lame -b:a 64k");
  std::filesystem::resize_file(path, std::filesystem::file_size(path) / 3);
  expect_refused(path, "truncated");
}

TEST_F(BadInput, TruncatedMp4) {
  const std::string path = encoded("cut.mp4", "-c:a aac");
  std::filesystem::resize_file(path, std::filesystem::file_size(path) / 2);
  expect_refused(path, path);
}

TEST_F(BadInput, BogusHugeDurationHeader) {
  const std::string path = encoded("huge.mp3", "-c:a libmp3lame -b:a 64k");
  inflate_mp3_frame_count(path);
  expect_refused(path, "limit");
}

TEST_F(BadInput, MissingPathAndFolder) {
  expect_refused((dir_ / "not-there.wav").string(), "no such file");
  std::filesystem::create_directory(dir_ / "folder.wav");
  expect_refused((dir_ / "folder.wav").string(), "folder");
}

TEST_F(BadInput, CaseFileThatIsNotSqlite) {
  const std::string fake = (dir_ / "fake.db").string();
  std::ofstream(fake) << "id,name\n1,x\n";
  const std::string before = file_sha256(fake);
  const auto r = provenance("analyze " + shell_quote(good_) + " --case " + shell_quote(fake));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.output.find("not an SQLite database"), std::string::npos) << r.output;
  EXPECT_EQ(file_sha256(fake), before);
  EXPECT_EQ(provenance("case show " + shell_quote(fake)).exit_code, 1);
}

TEST_F(BadInput, CaseFileFromNewerSchema) {
  PROV_REQUIRE_PROGRAM("sqlite3");
  ASSERT_EQ(run_command("sqlite3 " + shell_quote(case_) + " 'PRAGMA user_version = 999'").exit_code, 0);
  const std::string before = file_sha256(case_);
  const auto r = provenance("analyze " + shell_quote(good_) + " --case " + shell_quote(case_));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.output.find("newer"), std::string::npos) << r.output;
  EXPECT_EQ(file_sha256(case_), before);
}

TEST_F(BadInput, NewCaseFileIsNotCreatedForBadInput) {
  const std::string path = (dir_ / "notes.wav").string();
  std::ofstream(path) << "not audio";
  const std::string fresh = (dir_ / "fresh.db").string();
  EXPECT_EQ(provenance("analyze " + shell_quote(path) + " --case " + shell_quote(fresh)).exit_code, 1);
  EXPECT_FALSE(std::filesystem::exists(fresh));
}

}  // namespace
}  // namespace prov::test

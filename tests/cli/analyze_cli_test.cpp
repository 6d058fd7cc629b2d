#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "cli/cli_fixtures.h"

namespace prov::test {
namespace {

TEST(AnalyzeCli, RecordsItemFindingsCustodyAndReports) {
  PROV_REQUIRE_PROGRAM("ffmpeg");
  TempDir dir;
  const std::string media = make_speech_m4a(dir);
  const std::string original_hash = file_sha256(media);
  const std::string db = (dir / "case.db").string();
  const std::string html = (dir / "report.html").string();

  auto r = provenance("analyze " + shell_quote(media) + " --case " + shell_quote(db) + " --report " +
                      shell_quote(html) + " --json --examiner tester");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const auto report = nlohmann::json::parse(r.output);
  EXPECT_EQ(report["item"]["sha256"], original_hash);
  EXPECT_EQ(report["container"]["streams"][0]["codec"], "aac");
  EXPECT_NEAR(report["item"]["decoded_duration_s"].get<double>(), 7.0, 1.0);
  bool rewritten = false;
  for (const auto& f : report["findings"]) rewritten |= f["detector"] == "metadata.rewritten_by_ffmpeg";
  EXPECT_TRUE(rewritten) << "ffmpeg-written M4A carries a Lavf encoder tag";
  EXPECT_EQ(file_sha256(media), original_hash) << "the original is never modified";

  std::ifstream in(html);
  const std::string page((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_NE(page.find(original_hash), std::string::npos);
  EXPECT_NE(page.find("<svg"), std::string::npos);

  r = provenance("case log " + shell_quote(db) + " --json");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const auto log = nlohmann::json::parse(r.output);
  EXPECT_TRUE(log["chain_intact"].get<bool>());
  ASSERT_EQ(log["entries"].size(), 3u) << "intake, analyze, report";
  EXPECT_EQ(log["entries"][0]["action"], "intake");
  EXPECT_EQ(log["entries"][1]["action"], "analyze");
  EXPECT_EQ(log["entries"][2]["action"], "report");
  EXPECT_EQ(log["entries"][0]["actor"], "tester");

  // Analysing the same file again adds a run, not a second item or intake.
  ASSERT_EQ(provenance("analyze " + shell_quote(media) + " --case " + shell_quote(db)).exit_code, 0);
  r = provenance("case show " + shell_quote(db) + " --json");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const auto shown = nlohmann::json::parse(r.output);
  ASSERT_EQ(shown.size(), 1u);
  EXPECT_EQ(shown[0]["custody"].size(), 4u);
}

TEST(AnalyzeCli, ExaminerDecisionIsAppendedAndLogged) {
  PROV_REQUIRE_PROGRAM("ffmpeg");
  TempDir dir;
  const std::string media = make_speech_m4a(dir);
  const std::string db = (dir / "case.db").string();
  auto r = provenance("analyze " + shell_quote(media) + " --case " + shell_quote(db) + " --json");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const auto report = nlohmann::json::parse(r.output);
  ASSERT_FALSE(report["findings"].empty());
  const int64_t id = report["findings"][0]["id"];

  r = provenance("case mark " + shell_quote(db) + " " + std::to_string(id) +
                 " rejected --note 'remuxed by the newsroom' --examiner ex1");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  r = provenance("case show " + shell_quote(db) + " --json");
  const auto shown = nlohmann::json::parse(r.output);
  bool found = false;
  for (const auto& f : shown[0]["findings"]) {
    if (f["id"] == id) {
      found = true;
      EXPECT_EQ(f["status"], "rejected");
      EXPECT_EQ(f["summary"], report["findings"][0]["summary"]) << "the finding itself is unchanged";
    }
  }
  EXPECT_TRUE(found);
  r = provenance("case log " + shell_quote(db) + " --json");
  const auto log = nlohmann::json::parse(r.output);
  EXPECT_EQ(log["entries"].back()["action"], "review");
  EXPECT_EQ(log["entries"].back()["actor"], "ex1");
  EXPECT_EQ(log["entries"].back()["parameters"]["status"], "rejected");

  EXPECT_EQ(provenance("case mark " + shell_quote(db) + " 999999 confirmed").exit_code, 1);
  EXPECT_EQ(provenance("case mark " + shell_quote(db) + " " + std::to_string(id) + " maybe").exit_code, 2);
}

TEST(AnalyzeCli, ExportsHtmlReportFromTheCase) {
  PROV_REQUIRE_PROGRAM("ffmpeg");
  TempDir dir;
  const std::string media = make_speech_m4a(dir);
  const std::string db = (dir / "case.db").string();
  ASSERT_EQ(provenance("analyze " + shell_quote(media) + " --case " + shell_quote(db)).exit_code, 0);
  const std::string out = (dir / "export.html").string();
  const auto r = provenance("case export " + shell_quote(db) + " 1 --out " + shell_quote(out));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_GT(std::filesystem::file_size(out), 1000u);
}

TEST(AnalyzeCli, UsageErrorsExitTwo) {
  EXPECT_EQ(provenance("").exit_code, 2);
  EXPECT_EQ(provenance("analyze").exit_code, 2);
  EXPECT_EQ(provenance("no-such-command").exit_code, 2);
  EXPECT_EQ(provenance("--version").exit_code, 0);
}

}  // namespace
}  // namespace prov::test

namespace prov::test {
namespace {

// A 400 Hz mains reference is below the integrity scan's band: analysis runs,
// says the scan was skipped, and records the item.
TEST(AnalyzeCli, LowRateRecordingSkipsTheIntegrityScan) {
  PROV_REQUIRE_PROGRAM("sox");
  TempDir dir;
  const std::string wav = (dir / "mains.wav").string();
  ASSERT_EQ(run_command("sox -n -r 400 -b 16 -c 1 " + shell_quote(wav) + " synth 20 sine 50").exit_code, 0);
  const auto r = provenance("analyze " + shell_quote(wav) + " --json");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const auto report = nlohmann::json::parse(r.output);
  bool skipped = false;
  for (const auto& f : report["findings"]) skipped |= f["detector"] == "integrity.not_run";
  EXPECT_TRUE(skipped);
  EXPECT_EQ(report["item"]["native_rate"], 400);
}

}  // namespace
}  // namespace prov::test

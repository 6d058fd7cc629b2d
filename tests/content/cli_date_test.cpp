#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "support/test_support.h"

namespace {

using prov::test::run_command;
using prov::test::shell_quote;

const std::string kData = std::string(PROVENANCE_SOURCE_DIR) + "/data/";
const std::string kTimeline = kData + "timeline/iraq-syria-2013-2020.jsonl";

std::string cli() { return shell_quote(PROVENANCE_CLI); }

void write(const std::filesystem::path& p, const std::string& bytes) {
  std::ofstream out(p, std::ios::binary);
  out << bytes;
}

TEST(CliDate, JsonWindowFromSrt) {
  prov::test::TempDir dir;
  write(dir / "s.srt",
        "1\n00:00:02,000 --> 00:00:06,000\nThe battle of Baghuz is over.\n\n"
        "2\n00:10:00,000 --> 00:10:04,000\nIn Sudan and Algeria the tyrants were toppled.\n");
  const auto r = run_command(cli() + " date " + shell_quote((dir / "s.srt").string()) + " --timeline " +
                             shell_quote(kTimeline) + " --released 2019-04-29 --json 2>/dev/null");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const auto j = nlohmann::json::parse(r.output);
  EXPECT_EQ(j["window"]["earliest"], "2019-03-23");
  EXPECT_EQ(j["window"]["latest"], "2019-04-29");
  EXPECT_EQ(j["window"]["latest_set_by"], "release");
  EXPECT_EQ(j["format"], "srt");
  EXPECT_EQ(j["segment_windows"].size(), 2u);
}

TEST(CliDate, TextReportQuotesEvidence) {
  prov::test::TempDir dir;
  write(dir / "a.txt", "الرقة لم تسقط.\n");
  const auto r = run_command(cli() + " date " + shell_quote((dir / "a.txt").string()) + " --timeline " +
                             shell_quote(kTimeline));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("mention.negated"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("الرقة لم تسقط"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("<=     2017-10-20 hard  mention.negated"), std::string::npos) << r.output;
}

TEST(CliDate, InvalidUtf8IsAOneLineErrorWithExit1) {
  prov::test::TempDir dir;
  const auto file = (dir / "bad.txt").string();
  write(file, "Raqqa \xC3\x28 fell");
  const auto r = run_command(cli() + " date " + shell_quote(file) + " --timeline " + shell_quote(kTimeline));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.output, "provenance: " + file + ": invalid UTF-8 at byte 6\n");
}

TEST(CliDate, MalformedTimelineLineIsReported) {
  prov::test::TempDir dir;
  write(dir / "a.txt", "text\n");
  write(dir / "t.jsonl", "{\"id\":\"a\",\"date\":\"2014\",\"cues\":[\"a\"],\"sources\":[\"s\"]}\n{broken\n");
  const auto r = run_command(cli() + " date " + shell_quote((dir / "a.txt").string()) + " --timeline " +
                             shell_quote((dir / "t.jsonl").string()));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.output.find("t.jsonl: line 2: malformed JSON"), std::string::npos) << r.output;
}

TEST(CliDate, UsageErrorsExit2) {
  EXPECT_EQ(run_command(cli() + " date --timeline " + shell_quote(kTimeline) + " >/dev/null 2>&1").exit_code, 2);
  prov::test::TempDir dir;
  write(dir / "a.txt", "text\n");
  EXPECT_EQ(run_command(cli() + " date " + shell_quote((dir / "a.txt").string()) + " >/dev/null 2>&1").exit_code, 2);
}

TEST(CliDate, EvalOnShippedCasesHasNoHardViolations) {
  const auto r = run_command(cli() + " date eval " + shell_quote(kData + "dating-cases") + " --timeline " +
                             shell_quote(kTimeline) + " --json 2>/dev/null");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const auto j = nlohmann::json::parse(r.output);
  EXPECT_EQ(j["violations"], 0);
  EXPECT_GE(j["cases"].size(), 8u);
}

}  // namespace

namespace {

TEST(CliDate, ExaminerRejectsABound) {
  prov::test::TempDir dir;
  write(dir / "a.txt", "Raqqa has not fallen.\n\nThe battle for Baghouz is over.\n");
  const std::string base = cli() + " date " + shell_quote((dir / "a.txt").string()) + " --timeline " +
                           shell_quote(kTimeline) + " --json";
  const auto before = nlohmann::json::parse(run_command(base + " 2>/dev/null").output);
  EXPECT_FALSE(before["window"]["consistent"].get<bool>());
  const auto after = nlohmann::json::parse(run_command(base + " --reject raqqa-falls@0 2>/dev/null").output);
  EXPECT_TRUE(after["window"]["consistent"].get<bool>());
  EXPECT_EQ(after["rejected"], nlohmann::json::array({"raqqa-falls@0"}));
  EXPECT_EQ(after["window"]["earliest"], "2019-03-23");
}

}  // namespace

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
  EXPECT_NE(r.output.find("<=     2017-10-20 soft  mention.negated"), std::string::npos) << r.output;
}

TEST(CliDate, NonUtf8IsDecodedAndNamedOrRefusedWhenForced) {
  prov::test::TempDir dir;
  const auto file = (dir / "bad.txt").string();
  write(file, "Raqqa \xC3\x28 fell");
  auto r = run_command(cli() + " date " + shell_quote(file) + " --timeline " + shell_quote(kTimeline));
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(r.output.rfind("encoding: ISO-8859-1 (not valid UTF-8", 0), 0u) << r.output;
  r = run_command(cli() + " date " + shell_quote(file) + " --timeline " + shell_quote(kTimeline) + " --encoding UTF-8");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.output, "provenance: " + file + ": bytes that are not valid UTF-8 (U_ILLEGAL_CHAR_FOUND)\n");
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
  write(dir / "a.txt", "The battle for Baghouz is over.\n");
  const std::string base = cli() + " date " + shell_quote((dir / "a.txt").string()) + " --timeline " +
                           shell_quote(kTimeline) + " --released 2018-01-01 --json";
  const auto before = nlohmann::json::parse(run_command(base + " 2>/dev/null").output);
  EXPECT_FALSE(before["window"]["consistent"].get<bool>());
  const std::string id = before["conflicts"][0]["lower"]["citation"]["bound_id"];
  const auto after = nlohmann::json::parse(run_command(base + " --reject " + id + " 2>/dev/null").output);
  EXPECT_TRUE(after["window"]["consistent"].get<bool>());
  EXPECT_EQ(after["rejected"], nlohmann::json::array({id}));
  EXPECT_EQ(after["window"]["latest"], "2018-01-01");
}

TEST(CliDate, ExplainListsDroppedAndSoftenedMentions) {
  prov::test::TempDir dir;
  write(dir / "a.txt",
        "They claim that Mosul has fallen. Raqqa will fall.\n\n[Note: the fall of Raqqa.]\n\nThe battle for Baghouz is over.\n");
  const auto r = run_command(cli() + " date " + shell_quote((dir / "a.txt").string()) + " --timeline " +
                             shell_quote(kTimeline) + " --explain 2>&1");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("Every candidate mention"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("reported ('claim')"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("future ('will')"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("editorial"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("Editorial insertions"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("kept"), std::string::npos) << r.output;
}

TEST(CliDate, BadOptionValuesAreOneLineErrors) {
  prov::test::TempDir dir;
  write(dir / "a.txt", "The battle for Baghouz is over.\n");
  const std::string base = cli() + " date " + shell_quote((dir / "a.txt").string()) + " --timeline " + shell_quote(kTimeline);
  auto r = run_command(base + " --released 2019-04 2>&1");
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("full day"), std::string::npos) << r.output;
  r = run_command(base + " --died 2999-01-01 2>&1");
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("after today"), std::string::npos) << r.output;
  r = run_command(base + " --reject-event no-such-event 2>&1");
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("no-such-event"), std::string::npos) << r.output;
  r = run_command(base + " --died 2019-03-01 --json 2>/dev/null");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_FALSE(nlohmann::json::parse(r.output)["window"]["consistent"].get<bool>())
      << "a speaker dead before the battle ended cannot have spoken of it";
}

TEST(CliDate, UnconfirmedDeathReportIsANoteNeverABound) {
  prov::test::TempDir dir;
  write(dir / "a.txt", "The battle for Baghouz is over.\n");
  const std::string base = cli() + " date " + shell_quote((dir / "a.txt").string()) + " --timeline " + shell_quote(kTimeline);
  const auto plain = run_command(base + " --json 2>/dev/null");
  ASSERT_EQ(plain.exit_code, 0) << plain.output;
  const auto window = nlohmann::json::parse(plain.output)["window"];

  // Reported dead before the battle he speaks of ended: the report is
  // contradicted by the content, and the window does not move.
  auto r = run_command(base + " --death-claim 2019-03-01 --json 2>/dev/null");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  auto j = nlohmann::json::parse(r.output);
  EXPECT_EQ(j["window"], window) << "an unconfirmed death report must not bound the window";
  ASSERT_EQ(j["notes"].size(), 1u) << r.output;
  EXPECT_NE(j["notes"][0].get<std::string>().find("after the reported death"), std::string::npos) << r.output;

  // Reported dead after the earliest possible day: the content cannot tell.
  r = run_command(base + " --death-claim 2020-01-01 --json 2>/dev/null");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  j = nlohmann::json::parse(r.output);
  EXPECT_EQ(j["window"], window);
  EXPECT_NE(j["notes"].dump().find("cannot tell"), std::string::npos) << r.output;

  r = run_command(base + " --death-claim 2019-03 2>&1");
  EXPECT_EQ(r.exit_code, 1) << r.output;
}

TEST(CliDate, EmptyTranscriptNeedsAllowEmpty) {
  prov::test::TempDir dir;
  write(dir / "e.txt", "\n  \n");
  const std::string base = cli() + " date " + shell_quote((dir / "e.txt").string()) + " --timeline " + shell_quote(kTimeline);
  auto r = run_command(base + " 2>&1");
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("warning"), std::string::npos) << r.output;
  r = run_command(base + " --allow-empty 2>&1");
  EXPECT_EQ(r.exit_code, 0) << r.output;
}

TEST(CliDate, SeveralTimelinesMergeAndExtend) {
  prov::test::TempDir dir;
  write(dir / "mine.jsonl",
        "{\"extends\":\"baghouz-battle\",\"cues\":[\"last stand at {baghouz}\"],\"sources\":[\"examiner\"]}\n");
  write(dir / "a.txt", "We remember the last stand at Baghuz.\n");
  const auto r = run_command(cli() + " date " + shell_quote((dir / "a.txt").string()) + " --timeline " +
                             shell_quote(kTimeline) + " --timeline " + shell_quote((dir / "mine.jsonl").string()) +
                             " --gazetteer " + shell_quote(kData + "timeline/gazetteer.jsonl") + " --json 2>&1");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(nlohmann::json::parse(r.output)["window"]["earliest"], "2019-02-09");
  write(dir / "bad.jsonl", "{\"id\":\"x\",\"date\":\"2015-01-01\",\"cues\":[\"x\"],\"strenght\":\"soft\",\"sources\":[\"s\"]}\n");
  const auto bad = run_command(cli() + " date " + shell_quote((dir / "a.txt").string()) + " --timeline " +
                               shell_quote(kTimeline) + " --timeline " + shell_quote((dir / "bad.jsonl").string()) + " 2>&1");
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.output.find("bad.jsonl: line 1: unknown key \"strenght\""), std::string::npos) << bad.output;
}

TEST(CliDate, EvalGoesOnPastABadCase) {
  prov::test::TempDir dir;
  write(dir / "good.txt", "The battle for Baghouz is over.\n");
  write(dir / "good.json", "{\"true_date\": \"2019-04-01\"}");
  write(dir / "bad.json", "{\"true_date\": \"2019-04\"}");
  write(dir / "bad.txt", "x\n");
  const auto r = run_command(cli() + " date eval " + shell_quote(dir.path().string()) + " --timeline " +
                             shell_quote(kTimeline) + " 2>&1");
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("ERROR"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("good"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("2019-03-23"), std::string::npos) << r.output;
}

}  // namespace

// The `provenance enf ...` commands and the ENF part of `analyze`, as a user runs them.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "enf/enf_signals.h"
#include "support/test_support.h"

using prov::test::run_command;
using prov::test::shell_quote;

namespace {

std::string cli() { return shell_quote(PROVENANCE_CLI); }
std::string whu(int n) { return (prov::enf::testdata::whu_dir() / fmt::format("{:03}_ref.wav", n)).string(); }

}  // namespace

TEST(EnfCli, ExtractReportsHumOnAMainsRecording) {
  PROV_REQUIRE_SHARED_DATA("enf-whu-ref");
  prov::test::TempDir dir;
  const auto csv = (dir / "trace.csv").string();
  const auto r = run_command(cli() + " enf extract " + shell_quote(whu(1)) + " --csv " + shell_quote(csv));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("ENF present: 50 Hz hum"), std::string::npos) << r.output;
  std::ifstream in(csv);
  std::string header;
  std::getline(in, header);
  EXPECT_EQ(header, "time_s,frequency_hz,confidence");
  const auto j = run_command(cli() + " enf extract " + shell_quote(whu(1)) + " --json 2>/dev/null");
  ASSERT_EQ(j.exit_code, 0);
  const auto doc = nlohmann::json::parse(j.output);
  EXPECT_TRUE(doc["presence"]["present"].get<bool>());
  EXPECT_EQ(doc["presence"]["nominal_hz"].get<int>(), 50);
}

TEST(EnfCli, ImportListAndMatchARecordingCutFromTheReference) {
  PROV_REQUIRE_SHARED_DATA("enf-whu-ref");
  PROV_REQUIRE_PROGRAM("sox");
  prov::test::TempDir dir;
  const auto db = shell_quote((dir / "ref.enfdb").string());
  auto r = run_command(cli() + " enf ref import " + db + " " + shell_quote(whu(1)) +
                       " --grid whu --start 2024-03-01T10:00:00Z");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  r = run_command(cli() + " enf ref import " + db + " " + shell_quote(whu(2)) + " --grid whu --start 2024-03-01T11:00:00Z");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  r = run_command(cli() + " enf ref list " + db);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("whu (50 Hz)"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("1 gaps, 2 sources"), std::string::npos) << r.output;
  const auto clip = shell_quote((dir / "clip.wav").string());
  ASSERT_EQ(run_command("sox " + shell_quote(whu(2)) + " " + clip + " trim 200.25 150").exit_code, 0);
  r = run_command(cli() + " enf match " + clip + " --ref " + db + " --json 2>/dev/null");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const auto doc = nlohmann::json::parse(r.output);
  const auto& best = doc["matches"][0]["candidates"][0];
  EXPECT_NEAR(best["clip_start_utc"].get<double>(), 1709290800.0 + 200.25, 1.0) << r.output;
}

TEST(EnfCli, BadInputExitsWithAOneLineReason) {
  prov::test::TempDir dir;
  const auto text = (dir / "notes.wav").string();
  std::ofstream(text) << "not audio at all";
  auto r = run_command(cli() + " enf extract " + shell_quote(text));
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("notes.wav"), std::string::npos) << r.output;

  r = run_command(cli() + " enf extract " + shell_quote(text) + " --nominal 55");
  EXPECT_EQ(r.exit_code, 2) << r.output;
  r = run_command(cli() + " enf extract " + shell_quote(text) + " --grid 50");  // --grid is a grid name now
  EXPECT_EQ(r.exit_code, 2) << r.output;

  r = run_command(cli() + " enf ref list " + shell_quote(text));
  EXPECT_EQ(r.exit_code, 1) << r.output;

  PROV_REQUIRE_PROGRAM("sox");
  const auto short_clip = (dir / "short.wav").string();
  ASSERT_EQ(run_command("sox -n -r 8000 " + shell_quote(short_clip) + " synth 3 sine 50").exit_code, 0);
  r = run_command(cli() + " enf extract " + shell_quote(short_clip));
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("at least 8 s"), std::string::npos) << r.output;

  r = run_command(cli() + " analyze " + shell_quote(short_clip) + " --enf-ref " + shell_quote(text));
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("notes.wav"), std::string::npos) << r.output;

  const auto csv = (dir / "grid.csv").string();
  std::ofstream(csv) << "time,frequency\n2024-03-01 12:00:00,50.01\nnot a row\n";
  r = run_command(cli() + " enf ref import " + shell_quote((dir / "r.enfdb").string()) + " " + shell_quote(csv) +
                  " --grid de");
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("grid.csv:3"), std::string::npos) << r.output;
}

TEST(EnfCli, AnalyzeAddsEnfFindingsAndAReportSection) {
  PROV_REQUIRE_SHARED_DATA("enf-whu-ref");
  PROV_REQUIRE_PROGRAM("sox");
  prov::test::TempDir dir;
  // The mains recording as a 16 kHz file, as an ordinary recorder would give.
  const auto recording = (dir / "recording.wav").string();
  ASSERT_EQ(run_command("sox " + shell_quote(whu(3)) + " -r 16000 " + shell_quote(recording)).exit_code, 0);
  const auto db = shell_quote((dir / "ref.enfdb").string());
  ASSERT_EQ(run_command(cli() + " enf ref import " + db + " " + shell_quote(whu(3)) +
                        " --grid whu --start 2024-03-01T10:00:00Z").exit_code, 0);
  const auto json_path = (dir / "report.json").string();
  const auto r = run_command(cli() + " analyze " + shell_quote(recording) + " --enf-ref " + db + " --report-json " +
                             shell_quote(json_path));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  std::ifstream in(json_path);
  const auto doc = nlohmann::json::parse(in);
  bool section = false;
  for (const auto& s : doc["sections"])
    if (s["id"] == "enf") {
      section = true;
      EXPECT_GE(s["figures"].size(), 3u);
      EXPECT_NE(s["figures"][0]["svg"].get<std::string>().find("<svg"), std::string::npos);
    }
  EXPECT_TRUE(section) << doc.dump().substr(0, 500);
  EXPECT_NE(doc.dump().find("enf.match"), std::string::npos);
}

TEST(EnfCli, NominalGridAndTimeOptionsAreParsedStrictly) {
  PROV_REQUIRE_SHARED_DATA("enf-whu-ref");
  prov::test::TempDir dir;
  const auto db = shell_quote((dir / "ref.enfdb").string());
  // A clock time without a zone is refused, not silently taken as UTC.
  auto r = run_command(cli() + " enf ref import " + db + " " + shell_quote(whu(4)) +
                       " --grid whu --start '2024-03-01 10:00:00'");
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("no zone"), std::string::npos) << r.output;
  r = run_command(cli() + " enf ref import " + db + " " + shell_quote(whu(4)) + " --grid whu --start 2024-03-01");
  EXPECT_EQ(r.exit_code, 2) << r.output;
  r = run_command(cli() + " enf ref import " + db + " " + shell_quote(whu(4)) + " --grid whu --nominal 50" +
                  " --start 2024-03-01T13:00:00+03:00 --json");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const auto imported = nlohmann::json::parse(r.output.substr(r.output.find('[')));
  EXPECT_EQ(imported[0]["first_utc"].get<int64_t>(), 1709287200 + 4);  // first window centre, 4 s in
  // Plain dates bound the search by whole UTC days; the grid is chosen by name, the frequency by --nominal.
  const std::string clip = shell_quote(whu(4));
  r = run_command(cli() + " enf match " + clip + " --ref " + db +
                  " --grid whu --nominal 50 --from 2024-03-01 --to 2024-03-01 --json 2>/dev/null");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  auto doc = nlohmann::json::parse(r.output);
  ASSERT_EQ(doc["matches"].size(), 1u);
  EXPECT_FALSE(doc["matches"][0]["candidates"].empty());
  r = run_command(cli() + " enf match " + clip + " --ref " + db + " --from 2024-03-02 --json 2>/dev/null");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  doc = nlohmann::json::parse(r.output);
  EXPECT_EQ(doc["matches"][0]["verdict"], "no_match") << r.output;
  r = run_command(cli() + " enf match " + clip + " --ref " + db + " --grid 50");
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("--nominal"), std::string::npos) << r.output;
  r = run_command(cli() + " enf match " + clip + " --ref " + db + " --from 2024-03-01T10:00");
  EXPECT_EQ(r.exit_code, 2) << r.output;
  r = run_command(cli() + " enf match " + clip + " --ref " + db + " --from 2024-03-02 --to 2024-03-01");
  EXPECT_EQ(r.exit_code, 2) << r.output;
}

TEST(EnfCli, JsonCarriesTheVerdictAndThePerSecondEditScore) {
  PROV_REQUIRE_SHARED_DATA("enf-whu-ref");
  PROV_REQUIRE_PROGRAM("sox");
  prov::test::TempDir dir;
  const auto db = shell_quote((dir / "ref.enfdb").string());
  ASSERT_EQ(run_command(cli() + " enf ref import " + db + " " + shell_quote(whu(5)) +
                        " --grid whu --start 2024-03-01T10:00:00Z").exit_code, 0);
  const auto clip = shell_quote((dir / "clip.wav").string());
  ASSERT_EQ(run_command("sox " + shell_quote(whu(5)) + " " + clip + " trim 30.5 180").exit_code, 0);
  auto r = run_command(cli() + " enf match " + clip + " --ref " + db + " --json 2>/dev/null");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  auto doc = nlohmann::json::parse(r.output);
  const auto& m = doc["matches"][0];
  EXPECT_EQ(m["verdict"], "placed") << r.output;
  EXPECT_GE(m["margin"].get<double>(), m["required_margin"].get<double>());
  EXPECT_TRUE(m["false_placement"].contains("upper_95"));
  EXPECT_NEAR(m["candidates"][0]["clip_start_utc"].get<double>(), 1709287200.0 + 30.5, 1.0);
  ASSERT_TRUE(doc["edits"]["score_per_s"].is_array());
  // One entry per second up to where the scan ends (a fit length before the end).
  EXPECT_NEAR(static_cast<double>(doc["edits"]["score_per_s"].size()), 180.0 - 4.1, 1.5);

  // A deletion shows in the per-second score at its second.
  const auto a = shell_quote((dir / "a.wav").string()), b = shell_quote((dir / "b.wav").string());
  const auto cut = shell_quote((dir / "cut.wav").string());
  ASSERT_EQ(run_command("sox " + shell_quote(whu(5)) + " " + a + " trim 30.5 20.013").exit_code, 0);
  ASSERT_EQ(run_command("sox " + shell_quote(whu(5)) + " " + b + " trim 52.8 30").exit_code, 0);
  ASSERT_EQ(run_command("sox " + a + " " + b + " " + cut).exit_code, 0);
  r = run_command(cli() + " enf extract " + cut + " --json 2>/dev/null");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  doc = nlohmann::json::parse(r.output);
  const auto scores = doc["edits"]["score_per_s"].get<std::vector<double>>();
  ASSERT_GT(scores.size(), 25u);
  const auto peak = std::max_element(scores.begin(), scores.end()) - scores.begin();
  EXPECT_NEAR(static_cast<double>(peak), 20.0, 1.0);
  EXPECT_GE(scores[static_cast<std::size_t>(peak)], doc["edits"]["threshold"].get<double>());
}

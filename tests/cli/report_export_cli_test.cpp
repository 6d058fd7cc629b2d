// The filed report: the demo recording analysed, its report printed to PDF by
// headless Chromium, and the first page read back as text.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "cli/cli_fixtures.h"

namespace prov::test {
namespace {

// The demo recording analysed into a case file once for the whole suite.
class ReportExport : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (!have_program("espeak-ng") || !have_program("ffmpeg")) return;
    dir_ = new TempDir;
    db_ = new std::string(demo_case(*dir_));
  }
  static void TearDownTestSuite() {
    delete db_;
    delete dir_;
    db_ = nullptr;
    dir_ = nullptr;
  }
  static std::string demo_case(const TempDir& dir);
  static inline TempDir* dir_ = nullptr;
  static inline std::string* db_ = nullptr;
};

std::string ReportExport::demo_case(const TempDir& dir) {
  const std::string script = std::string(PROVENANCE_SOURCE_DIR) + "/scripts/make_demo_sample.sh";
  const auto made = run_command("bash " + shell_quote(script) + " " + shell_quote((dir / "demo").string()));
  EXPECT_EQ(made.exit_code, 0) << made.output;
  const std::string db = (dir / "case.db").string();
  const auto r = provenance("analyze " + shell_quote((dir / "demo" / "demo.m4a").string()) + " --case " +
                            shell_quote(db) + " --no-progress --examiner tester");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  return db;
}

TEST_F(ReportExport, DemoReportPdfOpensWithTheConclusions) {
  PROV_REQUIRE_PROGRAM("espeak-ng");
  PROV_REQUIRE_PROGRAM("ffmpeg");
  PROV_REQUIRE_PROGRAM("chromium");
  PROV_REQUIRE_PROGRAM("pdftotext");
  TempDir dir;
  const std::string db = *db_;
  // One decision, so the report must show who made it and why.
  auto r = provenance("case mark " + shell_quote(db) + " 1 rejected --note 'tag rewritten by our own intake' "
                      "--examiner 'A. Examiner'");
  ASSERT_EQ(r.exit_code, 0) << r.output;

  const std::string pdf = (dir / "demo-report.pdf").string();
  r = provenance("case export " + shell_quote(db) + " 1 --pdf --out " + shell_quote(pdf));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  std::ifstream in(pdf, std::ios::binary);
  std::string head(5, '\0');
  in.read(head.data(), 5);
  EXPECT_EQ(head, "%PDF-");

  const auto first = run_command("pdftotext -f 1 -l 1 -layout " + shell_quote(pdf) + " -");
  ASSERT_EQ(first.exit_code, 0) << first.output;
  EXPECT_NE(first.output.find("Conclusions"), std::string::npos) << first.output;
  EXPECT_NE(first.output.find("When was it recorded?"), std::string::npos) << first.output;
  EXPECT_NE(first.output.find("Has it been edited?"), std::string::npos) << first.output;
  // The demo carries spliced-in passages: the edit question is answered from them.
  EXPECT_NE(first.output.find("possible edit point"), std::string::npos) << first.output;

  // Table cells wrap, so words are compared with runs of white space made one space.
  std::string all_text;
  for (char c : run_command("pdftotext " + shell_quote(pdf) + " -").output) {
    const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\f';
    if (!space || (!all_text.empty() && all_text.back() != ' ')) all_text += space ? ' ' : c;
  }
  EXPECT_NE(all_text.find("A. Examiner"), std::string::npos) << "the decision names who made it";
  EXPECT_NE(all_text.find("tag rewritten by our own intake"), std::string::npos) << "and why";
}

TEST_F(ReportExport, JsonExportCarriesTheConclusions) {
  PROV_REQUIRE_PROGRAM("espeak-ng");
  PROV_REQUIRE_PROGRAM("ffmpeg");
  const std::string db = *db_;
  const auto r = provenance("case export " + shell_quote(db) + " 1");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const auto doc = nlohmann::json::parse(r.output);
  ASSERT_EQ(doc["conclusions"].size(), 5u);
  EXPECT_EQ(doc["conclusions"][0]["id"], "when");
  EXPECT_EQ(doc["conclusions"][1]["id"], "edited");
  EXPECT_FALSE(doc["conclusions"][1]["cited_findings"].empty());
  EXPECT_EQ(doc["conclusions"][2]["strength"], "not examined") << "no archive was searched";
  EXPECT_EQ(doc["conclusions"][4]["strength"], "not examined") << "no transcript was given";
  EXPECT_EQ(doc["conclusions"][3]["strength"], "not examined") << "no speaker comparison was run";
}

TEST_F(ReportExport, NotesAreInformationAndCannotBeReviewed) {
  PROV_REQUIRE_PROGRAM("espeak-ng");
  PROV_REQUIRE_PROGRAM("ffmpeg");
  const auto shown = nlohmann::json::parse(provenance("case show " + shell_quote(*db_) + " --json").output);
  int64_t note = 0;
  for (const auto& f : shown[0]["findings"])
    if (f["kind"] == "note") note = f["id"].get<int64_t>();
  ASSERT_NE(note, 0) << "the demo has no mains hum, which is a note";
  const std::string before = file_sha256(*db_);
  const auto r = provenance("case mark " + shell_quote(*db_) + " " + std::to_string(note) + " confirmed");
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("is a note"), std::string::npos) << r.output;
  EXPECT_EQ(file_sha256(*db_), before) << "the case file is untouched";
}

TEST_F(ReportExport, PdfWithoutAnOutputFileIsRefused) {
  TempDir dir;
  const auto r = provenance("case export " + shell_quote((dir / "none.db").string()) + " 1 --pdf");
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("--pdf needs --out"), std::string::npos) << r.output;
}

TEST_F(ReportExport, MissingBrowserIsAClearErrorAndWritesNothing) {
  PROV_REQUIRE_PROGRAM("espeak-ng");
  PROV_REQUIRE_PROGRAM("ffmpeg");
  TempDir dir;
  const std::string db = *db_;
  const std::string pdf = (dir / "out.pdf").string();
  const auto r = run_command("PROVENANCE_CHROMIUM=/nonexistent/chromium " + shell_quote(PROVENANCE_CLI) +
                             " case export " + shell_quote(db) + " 1 --out " + shell_quote(pdf) + " 2>&1");
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("PDF export"), std::string::npos) << r.output;
  EXPECT_FALSE(std::filesystem::exists(pdf));
}

}  // namespace
}  // namespace prov::test

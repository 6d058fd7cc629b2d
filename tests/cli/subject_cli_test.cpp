// Subjects, claims and the proof-of-life timeline through the command line,
// on a case built from a real recording (LibriSpeech read speech) dated from
// a transcript against the shipped timeline.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "cli/cli_fixtures.h"

namespace prov::test {
namespace {

const std::string kTimeline = std::string(PROVENANCE_SOURCE_DIR) + "/data/timeline/iraq-syria-2013-2020.jsonl";
const std::string kHeader = "subject,status,event_date,place,published,claimant,published_in,source,assessment\n";

std::string real_speech() {
  return (shared_data_dir() / "librispeech-sample" / "librispeech_test-other" / "3005" / "3005-163389-0005.flac")
      .string();
}

std::string q(const std::string& text) { return shell_quote(text); }

void write(const std::filesystem::path& path, const std::string& text) { std::ofstream(path, std::ios::binary) << text; }

// A case with one subject and the real recording attributed to it: recorded
// on or after 2019-03-23 (Baghouz taken, from the transcript), released
// 2019-04-29. Built once, copied for each test.
struct BuiltSubjectCase {
  TempDir dir;
  std::string failure;  // empty when built
};

void build_case(BuiltSubjectCase& b) {
  const std::string path = (b.dir / "case.db").string();
  auto r = provenance("subject add 'Abu Bakr al-Baghdadi' --alias 'أبو بكر البغدادي' --alias 'Ibrahim al-Badri' "
                      "--case " + q(path) + " --examiner alice");
  if (r.exit_code != 0) {
    b.failure = "subject add: " + r.output;
    return;
  }
  write(b.dir / "statement.vtt",
        "WEBVTT\n\n00:00.000 --> 00:04.000\nThe battle for Baghouz is over, and we remain.\n");
  r = provenance("analyze " + q(real_speech()) + " --case " + q(path) + " --subject 'ابو بكر البغدادى'" +
                 " --transcript " + q((b.dir / "statement.vtt").string()) + " --timeline " + q(kTimeline) +
                 " --released 2019-04-29 --report " + q((b.dir / "report.html").string()) +
                 " --no-progress --examiner alice");
  if (r.exit_code != 0) b.failure = "analyze: " + r.output;
}

const BuiltSubjectCase& built_case() {
  static BuiltSubjectCase built;
  static const bool done = (build_case(built), true);
  (void)done;
  return built;
}

class SubjectCase : public testing::Test {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists(real_speech())) GTEST_SKIP() << missing_shared_data("librispeech-sample");
    const auto& built = built_case();
    ASSERT_TRUE(built.failure.empty()) << built.failure;
    case_ = (dir_ / "case.db").string();
    std::filesystem::copy_file(built.dir / "case.db", case_);
    std::filesystem::copy_file(built.dir / "report.html", dir_ / "report.html");
  }

  nlohmann::json timeline_json() {
    const auto r = provenance("subject timeline 'Abu Bakr al-Baghdadi' --case " + q(case_) + " --json 2>/dev/null");
    EXPECT_EQ(r.exit_code, 0) << r.output;
    return nlohmann::json::parse(r.output, nullptr, false);
  }

  int64_t claim_count() {
    const auto r = provenance("claim list --case " + q(case_) + " --json 2>/dev/null");
    const auto j = nlohmann::json::parse(r.output, nullptr, false);
    return j.is_array() ? static_cast<int64_t>(j.size()) : -1;
  }

  TempDir dir_;
  std::string case_;
};

TEST_F(SubjectCase, ClaimsAreJudgedAgainstTheRecordingsWindow) {
  write(dir_ / "claims.csv",
        kHeader +
            "Abu Bakr al-Baghdadi,killed,2018-06-01,,2018-06-10,Ministry A,Agency wire,https://example.org/a,unlikely\n"
            "Ibrahim al-Badri,killed,2019-04-10,,2019-04-12,Agency D,,https://example.org/d,\n"
            "أبو بكر البغدادي,killed,2019-10-27,Barisha,2019-10-27,President B,TV address,https://example.org/b,"
            "\"body identified by DNA, per the claimant\"\n");
  auto r = provenance("claim import " + q((dir_ / "claims.csv").string()) + " --case " + q(case_));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("3 claim(s) imported"), std::string::npos) << r.output;

  const auto j = timeline_json();
  ASSERT_TRUE(j.is_object());
  EXPECT_EQ(j["alive_on_or_after"], "2019-03-23");
  ASSERT_EQ(j["items"].size(), 1u);
  EXPECT_EQ(j["items"][0]["latest"]["day"], "2019-04-29");
  ASSERT_EQ(j["claims"].size(), 3u);
  EXPECT_EQ(j["claims"][0]["verdict"], "contradicted");
  EXPECT_EQ(j["claims"][1]["verdict"], "inconclusive");
  EXPECT_EQ(j["claims"][2]["verdict"], "uncontradicted");
  EXPECT_NE(j["claims"][2]["explanation"].get<std::string>().find("no attributed recording is dated after it"),
            std::string::npos);
  const std::string chain = j["claims"][0]["chain"].dump();
  EXPECT_NE(chain.find("3005-163389-0005.flac"), std::string::npos) << chain;
  EXPECT_NE(chain.find("The battle for Baghouz is over"), std::string::npos) << chain;
  EXPECT_NE(chain.find("Baghuz"), std::string::npos) << "the event's source: " << chain;

  r = provenance("subject timeline 'Ibrahim al-Badri' --case " + q(case_) + " --svg " +
                 q((dir_ / "timeline.svg").string()));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("contradicted"), std::string::npos);
  EXPECT_NE(r.output.find("Inconclusive"), std::string::npos);
  std::ifstream svg(dir_ / "timeline.svg");
  const std::string drawn{std::istreambuf_iterator<char>(svg), {}};
  EXPECT_EQ(drawn.rfind("<svg", 0), 0u);
  EXPECT_NE(drawn.find("claim 1 killed: contradicted"), std::string::npos);

  // The exported report draws the same timeline, with the claims made since the analysis.
  r = provenance("case export " + q(case_) + " 1 --out " + q((dir_ / "export.html").string()));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  std::ifstream html(dir_ / "export.html");
  const std::string page{std::istreambuf_iterator<char>(html), {}};
  EXPECT_NE(page.find("proof of life"), std::string::npos);
  EXPECT_NE(page.find("Claims against the recordings"), std::string::npos);
  EXPECT_NE(page.find("contradicted"), std::string::npos);

  EXPECT_EQ(provenance("case verify " + q(case_)).exit_code, 0) << "subjects, links and claims are chained";
}

TEST_F(SubjectCase, TheAnalysisReportHasTheSubjectTimeline) {
  std::ifstream html(dir_ / "report.html");
  const std::string page{std::istreambuf_iterator<char>(html), {}};
  EXPECT_NE(page.find("Subject: Abu Bakr al-Baghdadi"), std::string::npos);
  EXPECT_NE(page.find("alive on or after 2019-03-23"), std::string::npos);
  EXPECT_NE(page.find("<svg"), std::string::npos);
}

TEST_F(SubjectCase, BadClaimFilesNameTheLineAndLeaveTheCaseAlone) {
  const std::string good = "Abu Bakr al-Baghdadi,killed,,,2019-10-27,A,,https://example.org/a,\n";
  struct Bad {
    std::string name, text, message;
  };
  const std::vector<Bad> bad = {
      {"status.csv", kHeader + good + "Abu Bakr al-Baghdadi,dead,,,2019-10-27,A,,src,\n", "line 3: status 'dead'"},
      {"date.csv", kHeader + good + good + "Abu Bakr al-Baghdadi,killed,,,27/10/2019,A,,src,\n",
       "line 4: published '27/10/2019' is not a date"},
      {"fields.csv", kHeader + "Abu Bakr al-Baghdadi,killed,,,2019-10-27,A\n", "line 2: 6 field(s) but the header has 9"},
      {"who.csv", kHeader + good + "Osama bin Laden,killed,,,2011-05-02,B,,src,\n", "line 3: "},
      {"json.jsonl",
       R"({"subject": "Abu Bakr al-Baghdadi", "status": "alive", "published": "2019-09-16", "claimant": "al-Furqan", "source": "audio"})"
       "\n{\"subject\": \"Abu\n",
       "line 2: malformed JSON"},
      {"type.jsonl", R"({"subject": "Abu Bakr al-Baghdadi", "status": "killed", "published": 20191027, "claimant": "A", "source": "s"})",
       "line 1: field 'published' must be a string"},
      {"format.txt", kHeader + good, "expected a .csv or .jsonl file"},
  };
  const std::string before = file_sha256(case_);
  for (const auto& b : bad) {
    write(dir_ / b.name, b.text);
    const auto r = provenance("claim import " + q((dir_ / b.name).string()) + " --case " + q(case_));
    EXPECT_EQ(r.exit_code, 1) << b.name << ": " << r.output;
    EXPECT_NE(r.output.find(b.message), std::string::npos) << b.name << ": " << r.output;
    EXPECT_EQ(file_sha256(case_), before) << b.name << " must leave the case file untouched";
  }
  EXPECT_EQ(claim_count(), 0);
  const auto who = provenance("claim import " + q((dir_ / "who.csv").string()) + " --case " + q(case_));
  EXPECT_NE(who.output.find("no subject 'Osama bin Laden'"), std::string::npos) << who.output;
}

TEST_F(SubjectCase, UnknownSubjectsAreRefused) {
  const std::string before = file_sha256(case_);
  auto r = provenance("subject timeline 'Osama bin Laden' --case " + q(case_));
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("no subject 'Osama bin Laden'"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("Abu Bakr al-Baghdadi"), std::string::npos) << "the known subjects are listed";
  r = provenance("subject show 'Osama bin Laden' --case " + q(case_));
  EXPECT_EQ(r.exit_code, 1) << r.output;
  r = provenance("claim add --case " + q(case_) + " --subject 'Osama bin Laden' --status killed --published 2011-05-02 "
                 "--claimant 'US President' --source https://example.org/x");
  EXPECT_EQ(r.exit_code, 1) << r.output;
  r = provenance("analyze " + q(real_speech()) + " --case " + q(case_) + " --subject 'Osama bin Laden' --no-progress");
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_EQ(file_sha256(case_), before);
  r = provenance("subject add 'Someone Else' --alias 'Ibrahim al-Badri' --case " + q(case_));
  EXPECT_EQ(r.exit_code, 1) << "an alias of another subject: " << r.output;
  EXPECT_EQ(file_sha256(case_), before);
}

TEST_F(SubjectCase, ShowAndListInBothScripts) {
  auto r = provenance("subject add 'أبو بكر البغدادي' --alias 'Abu Du`a' --case " + q(case_));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("already in the case"), std::string::npos) << "an Arabic alias finds the subject: " << r.output;
  r = provenance("subject link 'Abu Bakr al-Baghdadi' 1 --case " + q(case_));
  EXPECT_NE(r.output.find("already attributed"), std::string::npos) << "linking again adds nothing: " << r.output;
  r = provenance("subject show 'IBRAHIM AL BADRI' --case " + q(case_) + " --json");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const auto j = nlohmann::json::parse(r.output);
  EXPECT_EQ(j["name"], "Abu Bakr al-Baghdadi");
  ASSERT_EQ(j["aliases"].size(), 3u);
  EXPECT_EQ(j["aliases"][0]["script"], "arabic");
  EXPECT_EQ(j["items"].size(), 1u);
  EXPECT_EQ(j["items"][0]["released"], "2019-04-29");
  r = provenance("subject list --case " + q(case_));
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.output.find("Abu Bakr al-Baghdadi  (1 item(s), 0 claim(s))"), std::string::npos) << r.output;
  r = provenance("claim add --case " + q(case_) + " --subject 'Abu Du`a' --status seen_in --place Hajin "
                 "--published 2018-02-10 --claimant 'Iraqi intelligence' --source 'report 12/2018'");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  r = provenance("claim add --case " + q(case_) + " --subject 'Abu Du`a' --status seen_in "
                 "--published 2018-02-10 --claimant 'Iraqi intelligence' --source 'report 12/2018'");
  EXPECT_EQ(r.exit_code, 1) << "seen_in without a place: " << r.output;
  EXPECT_EQ(claim_count(), 1);
}

// A recording placed by its mains hum: the ENF placement is the window, and
// the chain cites the grid reference.
TEST(SubjectEnf, AnEnfPlacementContradictsAnEarlierDeathClaim) {
  PROV_REQUIRE_SHARED_DATA("enf-whu-ref");
  PROV_REQUIRE_PROGRAM("sox");
  TempDir dir;
  const std::string reference = (shared_data_dir() / "enf-whu-ref" / "005_ref.wav").string();
  const std::string db = (dir / "ref.enfdb").string(), clip = (dir / "clip.wav").string();
  const std::string case_path = (dir / "case.db").string();
  ASSERT_EQ(provenance("enf ref import " + q(db) + " " + q(reference) + " --grid whu --start 2019-06-01T10:00:00Z")
                .exit_code,
            0);
  ASSERT_EQ(run_command("sox " + q(reference) + " " + q(clip) + " trim 30.5 180").exit_code, 0);
  ASSERT_EQ(provenance("subject add 'Abu Bakr al-Baghdadi' --case " + q(case_path)).exit_code, 0);
  auto r = provenance("analyze " + q(clip) + " --enf-ref " + q(db) + " --case " + q(case_path) +
                      " --subject 'Abu Bakr al-Baghdadi' --no-progress");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  r = provenance("claim add --case " + q(case_path) + " --subject 'Abu Bakr al-Baghdadi' --status killed "
                 "--event-date 2019-05 --published 2019-05-20 --claimant 'Agency E' --source https://example.org/e");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  r = provenance("subject timeline 'Abu Bakr al-Baghdadi' --case " + q(case_path) + " --json 2>/dev/null");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const auto j = nlohmann::json::parse(r.output);
  EXPECT_EQ(j["alive_on_or_after"], "2019-06-01");
  EXPECT_EQ(j["items"][0]["earliest"]["basis"], "enf");
  EXPECT_EQ(j["items"][0]["latest"]["day"], "2019-06-01");
  EXPECT_EQ(j["claims"][0]["verdict"], "contradicted") << j.dump(2);
  EXPECT_NE(j["claims"][0]["chain"].dump().find("grid 'whu'"), std::string::npos) << j["claims"][0]["chain"].dump(2);
}

}  // namespace
}  // namespace prov::test

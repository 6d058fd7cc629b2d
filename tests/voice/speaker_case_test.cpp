// `speaker enroll` logs references by SHA-256 in the case file's custody
// log; `analyze --speaker` adds a speaker finding with its LR and limits,
// and refuses references whose bytes changed.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "support/test_support.h"
#include "voice/voice_fixtures.h"

using prov::test::run_command;
using prov::test::shell_quote;

namespace {

std::string cli() { return PROVENANCE_CLI; }
std::string libri(const std::string& name) { return prov::voice::test::librispeech_file(name); }

}  // namespace

TEST(SpeakerCase, EnrolledReferencesGiveASpeakerFinding) {
  PROV_REQUIRE_SHARED_DATA("librispeech-sample");
  if (!std::filesystem::exists(std::string(PROVENANCE_SOURCE_DIR) + "/data/speaker/default.model"))
    GTEST_SKIP() << "SKIPPED: data/speaker/default.model absent (scripts/train_speaker_background.sh)";
  prov::test::TempDir dir;
  const auto db = (dir / "case.db").string();
  ASSERT_EQ(run_command(cli() + " analyze --no-progress --case " + shell_quote(db) + " " +
                        shell_quote(libri("1688/1688-142285-0002.flac")) + " 2>&1")
                .exit_code,
            0);
  // References are copied so that one can be altered afterwards.
  const auto ref1 = (dir / "ref1.flac").string(), ref2 = (dir / "ref2.flac").string();
  std::filesystem::copy_file(libri("1688/1688-142285-0001.flac"), ref1);
  std::filesystem::copy_file(libri("1688/1688-142285-0003.flac"), ref2);
  const auto enrolled = run_command(cli() + " speaker enroll R1688 " + shell_quote(ref1) + " " + shell_quote(ref2) +
                                    " --case " + shell_quote(db) + " --conditions 'read speech, 16 kHz' 2>&1");
  ASSERT_EQ(enrolled.exit_code, 0) << enrolled.output;
  const auto log = run_command(cli() + " case log " + shell_quote(db) + " 2>&1");
  EXPECT_NE(log.output.find("speaker_enroll"), std::string::npos) << log.output;
  EXPECT_NE(log.output.find(prov::test::file_sha256(ref1).substr(0, 12)), std::string::npos) << log.output;

  const auto report = (dir / "report.json").string();
  const auto analyzed = run_command(cli() + " analyze --no-progress --case " + shell_quote(db) + " --speaker R1688 " +
                                    "--report-json " + shell_quote(report) + " " +
                                    shell_quote(libri("1688/1688-142285-0000.flac")) + " 2>&1");
  ASSERT_EQ(analyzed.exit_code, 0) << analyzed.output;
  EXPECT_NE(analyzed.output.find("Voice against 'R1688'"), std::string::npos) << analyzed.output;
  EXPECT_NE(analyzed.output.find("same-speaker proposition"), std::string::npos) << analyzed.output;

  // A reference file changed after enrolment is refused, and the case is untouched.
  const auto before = prov::test::file_sha256(db);
  std::ofstream(ref2, std::ios::app) << "tampered";
  const auto refused = run_command(cli() + " analyze --no-progress --case " + shell_quote(db) + " --speaker R1688 " +
                                   shell_quote(libri("1688/1688-142285-0000.flac")) + " 2>&1");
  EXPECT_EQ(refused.exit_code, 1) << refused.output;
  EXPECT_NE(refused.output.find("not the file enrolled"), std::string::npos) << refused.output;
  EXPECT_EQ(prov::test::file_sha256(db), before);

  const auto unknown = run_command(cli() + " analyze --no-progress --case " + shell_quote(db) + " --speaker Nobody " +
                                   shell_quote(libri("1688/1688-142285-0000.flac")) + " 2>&1");
  EXPECT_EQ(unknown.exit_code, 1) << unknown.output;
  EXPECT_NE(unknown.output.find("no references enrolled as 'Nobody'"), std::string::npos) << unknown.output;
}

// `provenance speaker compare|validate` with the shipped default model, and
// bad input: each gets a one-line error naming the file and exit code 1.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "support/test_support.h"
#include "voice/voice_fixtures.h"

using prov::test::run_command;
using prov::test::shell_quote;

namespace {

std::string cli() { return PROVENANCE_CLI; }

std::string libri(const std::string& name) { return prov::voice::test::librispeech_file(name); }

#define REQUIRE_DEFAULT_MODEL()                                                                       \
  if (!std::filesystem::exists(std::string(PROVENANCE_SOURCE_DIR) + "/data/speaker/default.model")) \
  GTEST_SKIP() << "SKIPPED: data/speaker/default.model absent (scripts/train_speaker_background.sh)"

}  // namespace

TEST(SpeakerCli, CompareGivesALikelihoodRatioWithItsLimits) {
  PROV_REQUIRE_SHARED_DATA("librispeech-sample");
  REQUIRE_DEFAULT_MODEL();
  // Reader 1688 against himself (other utterances) and against reader 2414.
  const auto same = run_command(cli() + " speaker compare --json " + shell_quote(libri("1688/1688-142285-0000.flac")) +
                                " " + shell_quote(libri("1688/1688-142285-0001.flac")) + " " +
                                shell_quote(libri("1688/1688-142285-0003.flac")) + " 2>&1");
  ASSERT_EQ(same.exit_code, 0) << same.output;
  const auto j = nlohmann::json::parse(same.output);
  EXPECT_GT(j["log10_lr"].get<double>(), 0) << same.output;
  EXPECT_NE(j["limits"].get<std::string>().find("casework needs"), std::string::npos);
  EXPECT_TRUE(j["model"]["description"].contains("calibrated_on"));
  EXPECT_EQ(j["questioned"]["sha256"].get<std::string>().size(), 64u);

  const auto text = run_command(cli() + " speaker compare " + shell_quote(libri("1688/1688-142285-0000.flac")) + " " +
                                shell_quote(libri("2414/2414-128291-0002.flac")) + " 2>&1");
  ASSERT_EQ(text.exit_code, 0) << text.output;
  EXPECT_NE(text.output.find("Verbal equivalent (ENFSI scale): "), std::string::npos) << text.output;
  EXPECT_NE(text.output.find("different-speaker proposition"), std::string::npos) << text.output;
  EXPECT_NE(text.output.find("Limits: "), std::string::npos);
}

TEST(SpeakerCli, ValidateWritesMetricsAndPlots) {
  PROV_REQUIRE_SHARED_DATA("librispeech-sample");
  REQUIRE_DEFAULT_MODEL();
  prov::test::TempDir dir;
  const auto trials = (dir / "trials.txt").string();
  std::ofstream(trials) << "# questioned known truth\n"
                        << libri("1688/1688-142285-0000.flac") << " " << libri("1688/1688-142285-0001.flac") << " same\n"
                        << libri("2414/2414-128291-0002.flac") << " " << libri("2414/2414-128291-0005.flac") << " same\n"
                        << libri("1688/1688-142285-0000.flac") << " " << libri("2414/2414-128291-0005.flac")
                        << " different\n"
                        << libri("2414/2414-128291-0002.flac") << " " << libri("1688/1688-142285-0001.flac")
                        << " different\n";
  const auto r = run_command(cli() + " speaker validate --json --plots " + shell_quote((dir / "plots").string()) + " " +
                             shell_quote(trials) + " 2>&1");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const auto j = nlohmann::json::parse(r.output);
  EXPECT_EQ(j["same_speaker_trials"], 2);
  EXPECT_EQ(j["different_speaker_trials"], 2);
  EXPECT_GE(j["cllr_min"].get<double>(), 0.0);
  for (const char* plot : {"tippett.svg", "det.svg"}) {
    std::ifstream in(dir / "plots" / plot);
    const std::string svg((std::istreambuf_iterator<char>(in)), {});
    EXPECT_NE(svg.find("<svg"), std::string::npos) << plot;
  }
}

TEST(SpeakerCli, BadInputFailsWithAOneLineError) {
  PROV_REQUIRE_SHARED_DATA("librispeech-sample");
  REQUIRE_DEFAULT_MODEL();
  prov::test::TempDir dir;
  const std::string good = libri("1688/1688-142285-0000.flac");
  const auto text_file = (dir / "notes.wav").string();
  std::ofstream(text_file) << "this is not audio\n";
  const auto silent = (dir / "silent.wav").string();
  prov::test::write_pcm16_wav(silent, std::vector<float>(16000 * 5, 0.f), 16000);
  const auto missing = (dir / "missing.flac").string();
  for (const auto& [bad, expect] : std::vector<std::pair<std::string, std::string>>{
           {missing, "no such file"}, {text_file, "notes.wav"}, {silent, "speech"}}) {
    const auto r = run_command(cli() + " speaker compare " + shell_quote(bad) + " " + shell_quote(good) + " 2>&1");
    EXPECT_EQ(r.exit_code, 1) << r.output;
    EXPECT_NE(r.output.find(expect), std::string::npos) << r.output;
    EXPECT_NE(r.output.find(bad), std::string::npos) << r.output;
  }
  const auto no_model =
      run_command(cli() + " speaker compare --model " + shell_quote(text_file) + " " + shell_quote(good) + " " +
                  shell_quote(good) + " 2>&1");
  EXPECT_EQ(no_model.exit_code, 1) << no_model.output;
  EXPECT_NE(no_model.output.find("not a Provenance speaker model"), std::string::npos) << no_model.output;
}

// The speaker-change rule on window scores given by hand.
#include <gtest/gtest.h>

#include "support/test_support.h"
#include "voice/speaker_windows.h"

using namespace prov::voice;

namespace {

std::vector<WindowScore> windows_of(const std::vector<double>& log10_lrs) {
  std::vector<WindowScore> w;
  for (std::size_t i = 0; i < log10_lrs.size(); ++i) w.push_back({5.0 * i, 5.0 * i + 10, 9, log10_lrs[i]});
  return w;
}

}  // namespace

TEST(SpeakerChange, APassageBelowTheThresholdIsOneFinding) {
  const auto f = speaker_change_findings(windows_of({2.0, 1.5, -0.5, -2.0, -1.5, 0.5, 1.8}));
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].kind, "speaker");
  EXPECT_EQ(f[0].detector, "voice.speaker_change");
  EXPECT_DOUBLE_EQ(f[0].start_s, 15.0);  // windows 3 and 4
  EXPECT_DOUBLE_EQ(f[0].end_s, 30.0);
  EXPECT_DOUBLE_EQ(f[0].evidence["lowest_log10_lr"].get<double>(), -2.0);
}

TEST(SpeakerChange, NothingWhenNoWindowSupportsTheReference) {
  // Another speaker throughout is a comparison result, not a change.
  EXPECT_TRUE(speaker_change_findings(windows_of({-2.0, -3.0, 0.5, -2.5})).empty());
}

TEST(SpeakerChange, NothingWhenEveryWindowFits) {
  EXPECT_TRUE(speaker_change_findings(windows_of({1.2, 0.3, -0.8, 1.5, 2.0})).empty());
}

TEST(SpeakerCli, TrainingOnAFolderWithoutSpeakersFails) {
  prov::test::TempDir dir;
  std::filesystem::create_directories(dir / "empty/spk1");
  const auto r = prov::test::run_command(std::string(PROVENANCE_CLI) + " speaker train-background " +
                                         prov::test::shell_quote((dir / "empty").string()) + " --out " +
                                         prov::test::shell_quote((dir / "m.model").string()) + " 2>&1");
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("no speaker folders with audio files"), std::string::npos) << r.output;
  EXPECT_FALSE(std::filesystem::exists(dir / "m.model"));
}

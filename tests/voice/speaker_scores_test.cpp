// A small model trained inside the test on training-role speakers ranks
// held-out (test-role) speakers' same-speaker pairs above different-speaker pairs.
#include <gtest/gtest.h>

#include <fstream>

#include "core/error.h"

#include "support/test_support.h"
#include "voice/comparison.h"
#include "voice/metrics.h"
#include "voice/model_file.h"
#include "voice/voice_fixtures.h"

using namespace prov::voice;

TEST(SpeakerScores, SameSpeakerPairsOutscoreDifferentSpeakerPairsOnHeldOutSpeakers) {
  PROV_REQUIRE_SHARED_DATA("speechocean762");
  const auto& model = test::tiny_model();
  const auto held_out = load_speech(test::split_files("test", 6, 20), FeatureParams{});
  auto trials = score_all_pairs(model, held_out, {6.0});
  double same = 0, different = 0;
  std::size_t n_same = 0, n_different = 0;
  for (const auto& t : trials) (t.same_speaker ? (same += t.score, n_same) : (different += t.score, n_different))++;
  ASSERT_GT(n_same, 20u);
  ASSERT_GT(n_different, 200u);
  EXPECT_GT(same / n_same, different / n_different);
  for (auto& t : trials) t.score = model.calibration.llr(t.score, t.duration_s);
  const auto m = validation_metrics(trials);
  EXPECT_LT(m.eer, 0.20) << "EER of the tiny model on 6-s segments of held-out speakers";
  EXPECT_LT(m.cllr, 0.8);
}

TEST(SpeakerScores, ModelFileRoundTripKeepsScores) {
  PROV_REQUIRE_SHARED_DATA("speechocean762");
  const auto& model = test::tiny_model();
  prov::test::TempDir dir;
  const auto path = (dir / "tiny.model").string();
  save_speaker_model(model, path);
  const auto loaded = load_speaker_model(path);
  const auto speech = load_speech(test::split_files("test", 2, 3), FeatureParams{});
  ASSERT_GE(speech.size(), 4u);
  const auto a = normalised(speech[0].frames), b = normalised(speech[4].frames);
  const auto before = compare_speakers(model, a, {b});
  const auto after = compare_speakers(loaded, a, {b});
  EXPECT_NEAR(before.llr, after.llr, 1e-3 * std::max(1.0, std::abs(before.llr)));
}

TEST(SpeakerScores, ForeignFileIsNotAModel) {
  prov::test::TempDir dir;
  const auto path = (dir / "not.model").string();
  std::ofstream(path) << "hello";
  EXPECT_THROW(load_speaker_model(path), prov::InputError);
  EXPECT_THROW(load_speaker_model((dir / "missing.model").string()), prov::InputError);
}

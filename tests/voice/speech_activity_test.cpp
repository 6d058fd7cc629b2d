// Speech activity on real recordings: noise clips are rejected, read speech kept.
#include <gtest/gtest.h>

#include "media/decode.h"
#include "support/test_support.h"
#include "voice/speech_activity.h"
#include "voice/voice_fixtures.h"

using namespace prov::voice;

TEST(SpeechActivity, SteadyNoiseIsNotSpeech) {
  PROV_REQUIRE_SHARED_DATA("noise");
  const auto dir = prov::test::shared_data_dir() / "noise/speech_commands_background_noise";
  for (const char* name : {"white_noise.wav", "pink_noise.wav", "running_tap.wav", "exercise_bike.wav"}) {
    const auto signal = prov::media::decode_mono((dir / name).string(), kVoiceRate);
    ASSERT_GT(signal.duration_s(), 30) << name;
    EXPECT_LT(detect_speech(signal).speech_share(), 0.01) << name;
  }
}

TEST(SpeechActivity, ClatterIsMostlyNotSpeech) {
  PROV_REQUIRE_SHARED_DATA("noise");
  const auto path = prov::test::shared_data_dir() / "noise/speech_commands_background_noise/doing_the_dishes.wav";
  EXPECT_LT(detect_speech(prov::media::decode_mono(path.string(), kVoiceRate)).speech_share(), 0.05);
}

TEST(SpeechActivity, ReadSpeechIsKeptAndSilenceIsNot) {
  PROV_REQUIRE_SHARED_DATA("speechocean762");
  for (const auto& f : test::split_files("test", 3, 2)) {
    const auto signal = prov::media::decode_mono(f.path, kVoiceRate);
    const auto activity = detect_speech(signal);
    EXPECT_GT(activity.speech_share(), 0.4) << f.path;
    EXPECT_LT(activity.speech_share(), 1.0) << f.path;  // leading and trailing silence
  }
  prov::Signal silence;
  silence.sample_rate = kVoiceRate;
  silence.samples.assign(3 * kVoiceRate, 0.f);
  EXPECT_EQ(detect_speech(silence).speech_s(), 0.0);
}

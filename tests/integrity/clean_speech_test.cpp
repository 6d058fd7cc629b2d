#include <gtest/gtest.h>

#include "integrity/scan_fixtures.h"
#include "support/test_support.h"

namespace prov::test {
namespace {

// Untouched real speech must raise no edit findings. Each FSDD speaker's
// digits 0-9, takes 0-9, joined in order (about 35-50 s), as WAV and as MP3.
// (lucas is left out: his last takes have a noise floor 13 dB above the
// others, i.e. they are a different recording session, which the scan
// rightly reports.)
class CleanFsdd : public ::testing::TestWithParam<std::string> {};

TEST_P(CleanFsdd, NoEditFindingsInLosslessOrMp3) {
  PROV_REQUIRE_SHARED_DATA("fsdd");
  PROV_REQUIRE_PROGRAM("sox");
  PROV_REQUIRE_PROGRAM("ffmpeg");
  TempDir dir;
  const auto wav = dir / "speech.wav";
  const auto mp3 = dir / "speech.mp3";
  join_fsdd(fsdd_speaker(GetParam(), 0, 9), wav);
  run_or_throw("ffmpeg -nostdin -v error -y -i " + shell_quote(wav.string()) + " -c:a libmp3lame -b:a 64k " +
               shell_quote(mp3.string()));
  for (const auto& file : {wav, mp3}) {
    const auto result = scan_file(file);
    EXPECT_GT(result.duration_s, 30.0);
    EXPECT_TRUE(edits(result.findings).empty()) << file.filename() << ":\n" << describe(result.findings);
  }
}

INSTANTIATE_TEST_SUITE_P(Speakers, CleanFsdd, ::testing::Values("george", "jackson", "nicolas", "theo", "yweweler"));

TEST(CleanSynthetic, EspeakInARoomEncodedAsAacHasNoEditFindings) {
  PROV_REQUIRE_PROGRAM("espeak-ng");
  PROV_REQUIRE_PROGRAM("sox");
  PROV_REQUIRE_PROGRAM("ffmpeg");
  TempDir dir;
  const std::string voice = (dir / "voice.wav").string(), room = (dir / "room.wav").string();
  const std::string mixed = (dir / "mixed.wav").string(), aac = (dir / "clean.m4a").string();
  run_or_throw("espeak-ng -v en-gb -s 140 -w " + shell_quote(voice) +
               " 'The committee met again this morning to review the reports from the northern district. "
               "Several members asked for more time, and the chairman agreed to a second meeting next week. "
               "Water and fuel remain the first concerns of the families who stayed behind.'");
  run_or_throw("sox -R -D " + shell_quote(voice) + " -r 48000 " + shell_quote((dir / "v48.wav").string()) +
               " gain -n -10 reverb 30 pad 0.3 0.3");
  run_or_throw("sox -R -D -n -r 48000 -c 1 " + shell_quote(room) + " synth \"$(soxi -D " +
               shell_quote((dir / "v48.wav").string()) + ")\" pinknoise vol 0.01");
  run_or_throw("sox -R -D -m " + shell_quote((dir / "v48.wav").string()) + " " + shell_quote(room) + " " +
               shell_quote(mixed));
  run_or_throw("ffmpeg -nostdin -v error -y -i " + shell_quote(mixed) + " -c:a aac -b:a 96k " + shell_quote(aac));
  for (const std::string& file : {mixed, aac}) {
    const auto result = scan_file(file);
    EXPECT_GT(result.duration_s, 10.0);
    EXPECT_TRUE(edits(result.findings).empty()) << file << ":\n" << describe(result.findings);
  }
}

}  // namespace
}  // namespace prov::test

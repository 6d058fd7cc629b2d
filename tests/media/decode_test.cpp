#include <gtest/gtest.h>

#include <cmath>
#include <fstream>

#include "core/error.h"
#include "media/decode.h"
#include "support/test_support.h"

namespace prov::test {
namespace {

double rms(const std::vector<float>& x, std::size_t from, std::size_t to) {
  double sum = 0;
  for (std::size_t i = from; i < to; ++i) sum += double(x[i]) * x[i];
  return std::sqrt(sum / double(to - from));
}

// Frequency of the strongest zero-crossing rate: counts sign changes.
double zero_crossing_frequency(const Signal& s) {
  int crossings = 0;
  for (std::size_t i = 1; i < s.samples.size(); ++i) {
    if ((s.samples[i - 1] < 0) != (s.samples[i] < 0)) ++crossings;
  }
  return crossings / 2.0 / s.duration_s();
}

TEST(Decode, WavNativeAndAnalysisCopiesAgree) {
  PROV_REQUIRE_PROGRAM("sox");
  TempDir dir;
  const std::string wav = make_stereo_tone_wav(dir);
  std::size_t streamed = 0;
  int streamed_rate = 0;
  const auto decoded = media::decode_audio(wav, {}, [&](const float*, std::size_t n, int rate) {
    streamed += n;
    streamed_rate = rate;
  });
  EXPECT_EQ(decoded.native_rate, 44100);
  EXPECT_EQ(decoded.channels, 2);
  EXPECT_EQ(decoded.codec, "pcm_s16le");
  EXPECT_EQ(decoded.native_frames, 3 * 44100);
  EXPECT_EQ(streamed, 3u * 44100u);
  EXPECT_EQ(streamed_rate, 44100);
  EXPECT_EQ(decoded.analysis.sample_rate, 16000);
  EXPECT_NEAR(static_cast<double>(decoded.analysis.samples.size()), 48000.0, 32.0);
  // Two tones of -6 dBFS peak each, mixed to mono.
  const double level = rms(decoded.analysis.samples, 1000, 47000);
  EXPECT_GT(level, 0.15);
  EXPECT_LT(level, 0.5);
}

TEST(Decode, MonoAtNativeRateKeepsTheTone) {
  PROV_REQUIRE_PROGRAM("sox");
  TempDir dir;
  const std::string path = (dir / "tone400.wav").string();
  ASSERT_EQ(run_command("sox -n -r 8000 -b 16 -c 1 " + shell_quote(path) + " synth 2 sine 50").exit_code, 0);
  const Signal s = media::decode_mono(path, 0);
  EXPECT_EQ(s.sample_rate, 8000);
  EXPECT_EQ(s.samples.size(), 16000u);
  EXPECT_NEAR(zero_crossing_frequency(s), 50.0, 1.0);
}

TEST(Decode, EveryCommonContainerDecodesToTheSameLength) {
  PROV_REQUIRE_PROGRAM("sox");
  PROV_REQUIRE_PROGRAM("ffmpeg");
  TempDir dir;
  const std::string wav = make_stereo_tone_wav(dir);
  struct Case {
    std::string name, args, codec;
  };
  const std::vector<Case> cases = {
      {"t.flac", "-c:a flac", "flac"},
      {"t.mp3", "-c:a libmp3lame -b:a 128k", "mp3float"},
      {"t.m4a", "-c:a aac -b:a 96k", "aac"},
      {"t.ogg", "-c:a libopus -b:a 32k", "opus"},
      {"t.mkv", "-c:a flac", "flac"},
      {"t.webm", "-c:a libopus", "opus"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    const std::string path = ffmpeg_encode(dir, wav, c.name, c.args);
    const auto decoded = media::decode_audio(path);
    EXPECT_NEAR(decoded.decoded_duration_s(), 3.0, 0.1);
    EXPECT_NEAR(decoded.analysis.duration_s(), 3.0, 0.1);
    EXPECT_GT(rms(decoded.analysis.samples, 8000, 40000), 0.1);
    // FFmpeg picks native or library decoders by build; check the family only.
    EXPECT_NE(decoded.codec.find(c.codec.substr(0, 3)), std::string::npos) << decoded.codec;
  }
}

// Debian's ffmpeg has no AMR encoder; sox writes AMR-NB through opencore.
TEST(Decode, AmrNarrowBand) {
  PROV_REQUIRE_PROGRAM("sox");
  TempDir dir;
  const std::string amr = (dir / "call.amr").string();
  const auto r = run_command("sox -n -r 8000 -c 1 -t amr-nb " + shell_quote(amr) + " synth 3 sine 440 gain -3");
  if (r.exit_code != 0) GTEST_SKIP() << "SKIPPED: this sox cannot write AMR-NB: " << r.output;
  const auto decoded = media::decode_audio(amr);
  EXPECT_EQ(decoded.native_rate, 8000);
  EXPECT_NE(decoded.codec.find("amr"), std::string::npos);
  EXPECT_NEAR(decoded.decoded_duration_s(), 3.0, 0.05);
  EXPECT_GT(rms(decoded.analysis.samples, 8000, 40000), 0.2);
}

TEST(Decode, VideoFileYieldsItsAudioTrack) {
  PROV_REQUIRE_PROGRAM("ffmpeg");
  TempDir dir;
  const std::string mp4 = (dir / "clip.mp4").string();
  ASSERT_EQ(run_command("ffmpeg -nostdin -loglevel error -y -f lavfi -i testsrc=size=160x120:rate=10:duration=4 "
                        "-f lavfi -i sine=frequency=300:sample_rate=48000:duration=4 -c:v mpeg4 -c:a aac -shortest " +
                        shell_quote(mp4))
                .exit_code,
            0);
  const auto decoded = media::decode_audio(mp4);
  EXPECT_EQ(decoded.native_rate, 48000);
  EXPECT_NEAR(decoded.decoded_duration_s(), 4.0, 0.1);
}

TEST(DecodeBadInput, EmptyFile) {
  TempDir dir;
  const std::string path = (dir / "empty.wav").string();
  std::ofstream(path).close();
  try {
    media::decode_audio(path);
    FAIL() << "empty file decoded";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("empty"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find(path), std::string::npos);
  }
}

TEST(DecodeBadInput, TextFileNamedWav) {
  TempDir dir;
  const std::string path = (dir / "notes.wav").string();
  std::ofstream(path) << "These are my notes, not audio.\nSecond line.\n";
  EXPECT_THROW(media::decode_audio(path), InputError);
}

TEST(DecodeBadInput, MissingFileAndFolder) {
  TempDir dir;
  EXPECT_THROW(media::decode_audio((dir / "nothing-here.mp3").string()), InputError);
  EXPECT_THROW(media::decode_audio(dir.path().string()), InputError);
}

TEST(DecodeBadInput, TruncatedMp3IsRefusedUnlessAllowed) {
  PROV_REQUIRE_PROGRAM("sox");
  PROV_REQUIRE_PROGRAM("ffmpeg");
  TempDir dir;
  const std::string wav = make_stereo_tone_wav(dir);
  const std::string mp3 = ffmpeg_encode(dir, wav, "t.mp3", "-c:a libmp3lame -b:a 128k");
  std::filesystem::resize_file(mp3, std::filesystem::file_size(mp3) / 3);
  try {
    media::decode_audio(mp3);
    FAIL() << "truncated MP3 decoded without complaint";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("truncated"), std::string::npos) << e.what();
  }
  media::DecodeOptions lenient;
  lenient.allow_truncated = true;
  const auto partial = media::decode_audio(mp3, lenient);
  EXPECT_LT(partial.decoded_duration_s(), 1.5);
  EXPECT_GT(partial.decoded_duration_s(), 0.5);
}

TEST(DecodeBadInput, TruncatedMp4) {
  PROV_REQUIRE_PROGRAM("sox");
  PROV_REQUIRE_PROGRAM("ffmpeg");
  TempDir dir;
  const std::string wav = make_stereo_tone_wav(dir);
  const std::string m4a = ffmpeg_encode(dir, wav, "t.m4a", "-c:a aac");
  std::filesystem::resize_file(m4a, std::filesystem::file_size(m4a) / 2);
  EXPECT_THROW(media::decode_audio(m4a), InputError);
}

// An MP3 whose Info header claims 268 million frames (about 81 days). FFmpeg
// takes the duration from that header, so the limit must refuse it.
TEST(DecodeBadInput, BogusHugeDurationHeader) {
  PROV_REQUIRE_PROGRAM("sox");
  PROV_REQUIRE_PROGRAM("ffmpeg");
  TempDir dir;
  const std::string wav = make_stereo_tone_wav(dir);
  const std::string mp3 = ffmpeg_encode(dir, wav, "t.mp3", "-c:a libmp3lame -b:a 128k");
  inflate_mp3_frame_count(mp3);
  try {
    media::decode_audio(mp3);
    FAIL() << "bogus header accepted";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("limit"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace prov::test

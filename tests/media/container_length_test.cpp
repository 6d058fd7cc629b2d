// Declared versus actual length: a Matroska video longer than its audio is an
// intact file, and a WAV header that claims far more than the file holds is a
// finding. Real speech from ../shared/data, containers written by ffmpeg.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <vector>

#include "core/error.h"
#include "media/decode.h"
#include "media/hash.h"
#include "media/metadata_findings.h"
#include "media/probe.h"
#include "support/test_support.h"

namespace prov::test {
namespace {

const Finding* find_detector(const Findings& findings, const std::string& detector) {
  for (const auto& f : findings)
    if (f.detector == detector) return &f;
  return nullptr;
}

// 15 s of real read speech (LibriSpeech test-other, speaker 1688).
std::string speech_flac() {
  return (shared_data_dir() / "librispeech-sample" / "librispeech_test-other" / "1688" / "1688-142285-0000.flac")
      .string();
}

Findings findings_of(const std::string& path, const media::DecodedAudio& audio) {
  return media::metadata_findings(media::probe_container(path), {audio.decoded_duration_s(), audio.decode_errors},
                                  std::chrono::system_clock::now());
}

// Real speech (its first 6 s) in Matroska beside a video that runs 12 s.
std::string mkv_with_longer_video(const TempDir& dir, const std::string& codec_args) {
  const std::string speech = speech_flac();
  const std::string out = (dir / "statement.mkv").string();
  const auto r = run_command("ffmpeg -nostdin -loglevel error -y -t 6 -i " + shell_quote(speech) +
                             " -f lavfi -i testsrc=size=160x120:rate=10:d=12 -map 1:v -map 0:a -c:v mpeg4 " +
                             codec_args + " " + shell_quote(out));
  EXPECT_EQ(r.exit_code, 0) << r.output;
  return out;
}

TEST(ContainerLength, MkvWhoseVideoOutlastsItsAudioIsAccepted) {
  PROV_REQUIRE_SHARED_DATA("librispeech-sample");
  PROV_REQUIRE_PROGRAM("ffmpeg");
  TempDir dir;
  for (const std::string codec : {"-c:a libopus", "-c:a flac", "-c:a aac"}) {
    SCOPED_TRACE(codec);
    const std::string mkv = mkv_with_longer_video(dir, codec);
    const auto facts = media::probe_container(mkv);
    ASSERT_GT(facts.duration_s, 11.5);
    double audio_declared = -1;
    for (const auto& s : facts.streams)
      if (s.type == "audio") audio_declared = s.duration_s;
    EXPECT_NEAR(audio_declared, 6.0, 0.1) << "the audio's DURATION tag";

    media::DecodedAudio audio;
    ASSERT_NO_THROW(audio = media::decode_audio(mkv)) << "an intact MKV must not be refused as truncated";
    EXPECT_NEAR(audio.decoded_duration_s(), 6.0, 0.1);
    const Findings findings = findings_of(mkv, audio);
    EXPECT_EQ(find_detector(findings, "metadata.duration_mismatch"), nullptr)
        << "the audio decodes to the length it declares";
    const Finding* differ = find_detector(findings, "metadata.audio_video_length_differ");
    ASSERT_NE(differ, nullptr);
    EXPECT_NEAR(differ->evidence["video_s"].get<double>(), 12.0, 0.2);
  }
}

TEST(ContainerLength, TruncatedMkvIsStillRefused) {
  PROV_REQUIRE_SHARED_DATA("librispeech-sample");
  PROV_REQUIRE_PROGRAM("ffmpeg");
  TempDir dir;
  const std::string out = (dir / "audio.mkv").string();
  ASSERT_EQ(run_command("ffmpeg -nostdin -loglevel error -y -i " + shell_quote(speech_flac()) +
                        " -c:a flac " + shell_quote(out))
                .exit_code,
            0);
  std::filesystem::resize_file(out, std::filesystem::file_size(out) / 2);
  EXPECT_THROW(media::decode_audio(out), InputError);
}

// Rewrites the data chunk size (and RIFF size) of a canonical WAV.
void claim_data_bytes(const std::string& path, uint32_t data_bytes) {
  std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
  std::vector<char> bytes((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  std::size_t pos = 12;
  while (pos + 8 <= bytes.size() && std::string(bytes.data() + pos, 4) != "data") {
    uint32_t size = 0;
    for (int i = 3; i >= 0; --i) size = size << 8 | static_cast<unsigned char>(bytes[pos + 4 + i]);
    pos += 8 + size + (size & 1u);
  }
  ASSERT_LT(pos + 8, bytes.size()) << "no data chunk";
  auto put = [&](std::size_t at, uint32_t v) {
    f.seekp(static_cast<std::streamoff>(at));
    const char le[4] = {static_cast<char>(v), static_cast<char>(v >> 8), static_cast<char>(v >> 16),
                        static_cast<char>(v >> 24)};
    f.write(le, 4);
  };
  put(pos + 4, data_bytes);
  put(4, static_cast<uint32_t>(pos + 8 - 8 + data_bytes));
}

TEST(ContainerLength, WavHeaderClaimingThirteenHoursIsAFinding) {
  PROV_REQUIRE_SHARED_DATA("fsdd");
  TempDir dir;
  const std::string wav = (dir / "claim.wav").string();
  std::filesystem::copy_file(shared_data_dir() / "fsdd" / "7_jackson_3.wav", wav);
  const auto honest = media::decode_audio(wav);
  EXPECT_EQ(find_detector(findings_of(wav, honest), "metadata.declared_length_mismatch"), nullptr);

  const auto facts_before = media::probe_container(wav);
  ASSERT_TRUE(facts_before.wav_data.has_value());
  const uint32_t thirteen_hours = 13u * 3600u * 8000u * 2u;  // 8 kHz 16-bit mono
  claim_data_bytes(wav, thirteen_hours);
  const auto audio = media::decode_audio(wav);
  EXPECT_NEAR(audio.decoded_duration_s(), honest.decoded_duration_s(), 0.01);
  const Findings findings = findings_of(wav, audio);
  const Finding* f = find_detector(findings, "metadata.declared_length_mismatch");
  ASSERT_NE(f, nullptr) << "a 13 h claim over under a second of audio must be reported";
  EXPECT_NEAR(f->evidence["declared_s"].get<double>(), 13 * 3600.0, 1.0);
  EXPECT_NEAR(f->evidence["decoded_s"].get<double>(), honest.decoded_duration_s(), 0.01);
  EXPECT_GE(f->strength, 0.5);
}

TEST(ContainerLength, StreamingWavWithOpenLengthIsNoFinding) {
  PROV_REQUIRE_SHARED_DATA("fsdd");
  TempDir dir;
  const std::string wav = (dir / "open.wav").string();
  std::filesystem::copy_file(shared_data_dir() / "fsdd" / "7_jackson_3.wav", wav);
  claim_data_bytes(wav, 0xFFFFFFFFu);
  EXPECT_FALSE(media::probe_container(wav).wav_data.has_value());
}

TEST(InputFile, RefusesAFileThatChangedSinceItWasHashed) {
  TempDir dir;
  const std::string path = (dir / "growing.bin").string();
  std::ofstream(path) << "first part";
  const auto before = media::identify_file(path);
  EXPECT_NO_THROW(media::require_unchanged(path, before));
  std::ofstream(path, std::ios::app) << " and more";
  try {
    media::require_unchanged(path, before);
    FAIL() << "a changed file must be refused";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("changed while being analysed"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace prov::test

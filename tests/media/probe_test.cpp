#include <gtest/gtest.h>

#include <chrono>
#include <fstream>

#include "core/error.h"
#include "media/decode.h"
#include "media/hash.h"
#include "support/test_support.h"
#include "media/metadata_findings.h"
#include "media/probe.h"

namespace prov::test {
namespace {

const Finding* find_detector(const Findings& findings, const std::string& detector) {
  for (const auto& f : findings) {
    if (f.detector == detector) return &f;
  }
  return nullptr;
}

TEST(Hash, KnownSha256) {
  TempDir dir;
  const std::string path = (dir / "abc.txt").string();
  std::ofstream(path) << "abc";
  const auto id = media::identify_file(path);
  EXPECT_EQ(id.sha256, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(id.size_bytes, 3u);
  EXPECT_THROW(media::identify_file((dir / "missing").string()), InputError);
}

TEST(Probe, WavFacts) {
  PROV_REQUIRE_PROGRAM("sox");
  TempDir dir;
  const std::string wav = make_stereo_tone_wav(dir);
  const auto facts = media::probe_container(wav);
  EXPECT_EQ(facts.format, "wav");
  ASSERT_EQ(facts.streams.size(), 1u);
  EXPECT_EQ(facts.streams[0].type, "audio");
  EXPECT_EQ(facts.streams[0].codec, "pcm_s16le");
  EXPECT_EQ(facts.streams[0].sample_rate, 44100);
  EXPECT_EQ(facts.streams[0].channels, 2);
  EXPECT_NEAR(facts.duration_s, 3.0, 0.01);
  EXPECT_EQ(facts.streams[0].bit_rate, 44100 * 2 * 16);
}

TEST(Probe, Mp4WithVideoTagsAndFfmpegEncoder) {
  PROV_REQUIRE_PROGRAM("ffmpeg");
  TempDir dir;
  const std::string mp4 = (dir / "clip.mp4").string();
  ASSERT_EQ(run_command("ffmpeg -nostdin -loglevel error -y -f lavfi -i testsrc=size=160x120:rate=10:duration=4 "
                        "-f lavfi -i sine=frequency=300:sample_rate=48000:duration=4 -c:v mpeg4 -c:a aac "
                        "-metadata creation_time=2019-03-23T10:15:00Z -metadata title='Statement <script>' " +
                        shell_quote(mp4))
                .exit_code,
            0);
  const auto facts = media::probe_container(mp4);
  EXPECT_NE(facts.format.find("mp4"), std::string::npos);
  ASSERT_EQ(facts.streams.size(), 2u);
  EXPECT_EQ(facts.streams[0].type, "video");
  EXPECT_EQ(facts.streams[0].width, 160);
  EXPECT_NEAR(facts.streams[0].frame_rate, 10.0, 0.01);
  EXPECT_EQ(facts.streams[1].codec, "aac");
  ASSERT_TRUE(facts.creation_time.has_value());
  EXPECT_EQ(facts.creation_time->substr(0, 19), "2019-03-23T10:15:00");
  ASSERT_TRUE(facts.encoder.has_value());
  EXPECT_EQ(facts.encoder->substr(0, 4), "Lavf");
  EXPECT_EQ(facts.tags.at("title"), "Statement <script>");

  const auto decoded = media::decode_audio(mp4);
  const auto findings = media::metadata_findings(facts, {decoded.decoded_duration_s(), decoded.decode_errors},
                                                 std::chrono::system_clock::now());
  EXPECT_NE(find_detector(findings, "metadata.rewritten_by_ffmpeg"), nullptr);
  const Finding* created = find_detector(findings, "metadata.creation_time");
  ASSERT_NE(created, nullptr);
  EXPECT_EQ(created->evidence.at("unix_time").get<int64_t>(), 1553336100);
  EXPECT_EQ(find_detector(findings, "metadata.duration_mismatch"), nullptr);
}

TEST(MetadataFindings, FutureZeroedAndMissingCreationTimes) {
  media::ContainerFacts facts;
  facts.format = "mov,mp4,m4a,3gp,3g2,mj2";
  facts.duration_s = 10.0;
  const auto now = std::chrono::system_clock::from_time_t(1700000000);  // 2023-11-14
  facts.creation_time = "2031-01-01T00:00:00Z";
  EXPECT_NE(find_detector(media::metadata_findings(facts, {10.0, 0}, now), "metadata.creation_time_future"), nullptr);
  facts.creation_time = "1970-01-01T00:00:00Z";
  EXPECT_NE(find_detector(media::metadata_findings(facts, {10.0, 0}, now), "metadata.creation_time_zeroed"), nullptr);
  facts.creation_time = "yesterday";
  EXPECT_NE(find_detector(media::metadata_findings(facts, {10.0, 0}, now), "metadata.creation_time_unparsable"),
            nullptr);
  facts.creation_time.reset();
  EXPECT_NE(find_detector(media::metadata_findings(facts, {10.0, 0}, now), "metadata.creation_time_missing"), nullptr);
}

TEST(MetadataFindings, DeclaredVersusDecodedDuration) {
  media::ContainerFacts facts;
  facts.format = "wav";
  facts.duration_s = 60.0;
  const auto now = std::chrono::system_clock::now();
  const Finding* f = nullptr;
  const auto findings = media::metadata_findings(facts, {42.5, 0}, now);
  f = find_detector(findings, "metadata.duration_mismatch");
  ASSERT_NE(f, nullptr);
  EXPECT_NEAR(f->evidence.at("difference_s").get<double>(), -17.5, 1e-9);
  EXPECT_EQ(find_detector(media::metadata_findings(facts, {59.8, 0}, now), "metadata.duration_mismatch"), nullptr);
}

TEST(Probe, TruncatedFileGivesDurationFindingWhenAllowed) {
  PROV_REQUIRE_PROGRAM("sox");
  PROV_REQUIRE_PROGRAM("ffmpeg");
  TempDir dir;
  const std::string wav = make_stereo_tone_wav(dir);
  const std::string flac = ffmpeg_encode(dir, wav, "t.flac", "-c:a flac");
  std::filesystem::resize_file(flac, std::filesystem::file_size(flac) / 2);
  const auto facts = media::probe_container(flac);
  media::DecodeOptions lenient;
  lenient.allow_truncated = true;
  const auto decoded = media::decode_audio(flac, lenient);
  const auto findings = media::metadata_findings(facts, {decoded.decoded_duration_s(), decoded.decode_errors},
                                                 std::chrono::system_clock::now());
  const Finding* f = find_detector(findings, "metadata.duration_mismatch");
  ASSERT_NE(f, nullptr);
  EXPECT_NEAR(f->evidence.at("declared_s").get<double>(), 3.0, 0.01);
  EXPECT_LT(f->evidence.at("decoded_s").get<double>(), 2.0);
}

}  // namespace
}  // namespace prov::test

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <iostream>
#include <set>

#include "fingerprint/fsdd_material.h"
#include "fingerprint/landmarks.h"
#include "fingerprint/spectral_peaks.h"
#include "media/decode.h"
#include "support/test_support.h"

namespace fp = prov::fingerprint;

namespace {

// Share of the archive landmarks whose hash and anchor (within a frame) the query also has.
double retained(const std::vector<fp::Landmark>& archive, const std::vector<fp::Landmark>& query, double time_scale) {
  std::set<std::pair<uint32_t, int>> q;
  for (const auto& l : query) q.insert({l.hash, static_cast<int>(l.anchor / 4)});
  int kept = 0;
  for (const auto& l : archive) {
    const int t = static_cast<int>(std::lround(l.anchor / 4.0 * time_scale));
    if (q.count({l.hash, t - 1}) || q.count({l.hash, t}) || q.count({l.hash, t + 1})) ++kept;
  }
  return archive.empty() ? 0 : double(kept) / archive.size();
}

}  // namespace

TEST(SpectralPeaks, RealSpeechGivesBoundedDensityInTheTelephoneBand) {
  PROV_REQUIRE_SHARED_DATA("fsdd");
  const auto speech = fp::test::fsdd_speech("george", 0, 3);
  const auto peaks = fp::find_spectral_peaks(speech);
  const double per_s = peaks.size() / speech.duration_s();
  EXPECT_GT(per_s, 4.0);
  // The sliding-window rule lets dense stretches keep somewhat more than the nominal rate.
  EXPECT_LE(per_s, 1.4 * fp::PeakParams{}.peaks_per_second);
  for (const auto& p : peaks) {
    EXPECT_GE(p.freq_hz, 240.0f);
    EXPECT_LE(p.freq_hz, 3510.0f);
  }
  EXPECT_TRUE(std::is_sorted(peaks.begin(), peaks.end(), [](auto& a, auto& b) { return a.frame < b.frame; }));
}

TEST(SpectralPeaks, ThreadsShareTheWorkWithoutChangingTheResult) {
  PROV_REQUIRE_SHARED_DATA("fsdd");
  const auto speech = fp::test::fsdd_speech("theo", 0, 40);  // about 4 min: 35 chunks for 3 threads
  fp::PeakParams one, three;
  one.threads = 1;
  three.threads = 3;
  const auto a = fp::find_spectral_peaks(speech, one);
  const auto b = fp::find_spectral_peaks(speech, three);
  ASSERT_GT(a.size(), 100u);
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].frame, b[i].frame) << i;
    EXPECT_EQ(a[i].freq_hz, b[i].freq_hz) << i;
    EXPECT_EQ(a[i].prominence_db, b[i].prominence_db) << i;
  }
}

TEST(SpectralPeaks, SilenceAndSteadyToneGiveAlmostNothing) {
  prov::Signal silence{std::vector<float>(16000 * 5, 0.0f), 16000, 0.0, {}};
  EXPECT_TRUE(fp::find_spectral_peaks(silence).empty());
  prov::Signal tone{std::vector<float>(16000 * 10), 16000, 0.0, {}};
  for (std::size_t i = 0; i < tone.samples.size(); ++i) tone.samples[i] = 0.5f * std::sin(2 * M_PI * 1000.0 * i / 16000.0);
  const auto peaks = fp::find_spectral_peaks(tone);
  // A steady tone has no maxima in time, only the ramps at its ends.
  EXPECT_LT(peaks.size(), 10u);
  EXPECT_LT(fp::archive_landmarks(peaks).size(), 20u);
}

TEST(Landmarks, GainChangeKeepsTheSameHashes) {
  PROV_REQUIRE_SHARED_DATA("fsdd");
  const auto speech = fp::test::fsdd_speech("jackson", 0, 3);
  auto louder = speech;
  for (auto& v : louder.samples) v *= 3.98f;  // +12 dB
  const auto a = fp::archive_landmarks(fp::find_spectral_peaks(speech));
  const auto b = fp::query_landmarks(fp::find_spectral_peaks(louder));
  EXPECT_GT(retained(a, b, 1.0), 0.95);
}

TEST(Landmarks, ArchiveHashesSurviveMp3AndSpeedChange) {
  PROV_REQUIRE_SHARED_DATA("fsdd");
  PROV_REQUIRE_PROGRAM("ffmpeg");
  prov::test::TempDir dir;
  const auto speech = fp::test::fsdd_speech("lucas", 0, 3);
  const auto archived = fp::archive_landmarks(fp::find_spectral_peaks(speech));
  ASSERT_GT(archived.size(), 200u);

  fp::test::encode(dir / "mp3.mp3", speech, "-c:a libmp3lame -b:a 64k");
  const auto mp3 = prov::media::decode_mono((dir / "mp3.mp3").string(), 16000);
  const double mp3_kept = retained(archived, fp::query_landmarks(fp::find_spectral_peaks(mp3)), 1.0);
  EXPECT_GT(mp3_kept, 0.5) << "MP3 64 kbit/s";

  // Played 3% fast: pitch and tempo both scale.
  fp::test::encode(dir / "fast.wav", speech, "-af asetrate=16480,aresample=16000");
  const auto fast = prov::media::decode_mono((dir / "fast.wav").string(), 16000);
  const double fast_kept = retained(archived, fp::query_landmarks(fp::find_spectral_peaks(fast)), 1 / 1.03);
  EXPECT_GT(fast_kept, 0.2) << "speed +3%";
}

TEST(Landmarks, RepeatedHashesAreCappedPerItem) {
  // A click train repeats the same triplet over and over.
  prov::Signal clicks{std::vector<float>(16000 * 20, 0.0f), 16000, 0.0, {}};
  for (std::size_t i = 0; i < clicks.samples.size(); i += 1600)
    for (int k = 0; k < 400; ++k) clicks.samples[i + k] = 0.4f * std::sin(2 * M_PI * 800.0 * k / 16000.0);
  const auto landmarks = fp::archive_landmarks(fp::find_spectral_peaks(clicks));
  std::map<uint32_t, int> counts;
  for (const auto& l : landmarks) ++counts[l.hash];
  for (const auto& [hash, n] : counts) EXPECT_LE(n, fp::LandmarkParams{}.max_repeats_per_item);
}

#include <gtest/gtest.h>

#include "fingerprint/archive_index.h"
#include "fingerprint/fsdd_material.h"
#include "fingerprint/landmarks.h"
#include "fingerprint/reuse_findings.h"
#include "fingerprint/segment_matcher.h"
#include "media/decode.h"
#include "support/test_support.h"

namespace fp = prov::fingerprint;
namespace ft = prov::fingerprint::test;

namespace {

struct Truth {
  int64_t item;
  double query_start, query_end, item_start;
};

// Two archived speeches of real voices, and speech by other speakers that is not archived.
class SegmentMatching : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (!prov::test::missing_shared_data("fsdd").empty()) return;
    dir_ = new prov::test::TempDir;
    speech_a_ = ft::fsdd_speech("george", 0, 5);
    speech_b_ = ft::fsdd_speech("jackson", 0, 5);
    other_ = ft::fsdd_speech("yweweler", 10, 6);
    auto index = fp::ArchiveIndex::open((dir_->path() / "archive.sqlite").string(),
                                        fp::ArchiveIndex::Mode::create_if_missing);
    id_a_ = index.add(std::string(64, 'a'), {"A", "", "", ""}, speech_a_.duration_s(), fp::find_spectral_peaks(speech_a_)).id;
    id_b_ = index.add(std::string(64, 'b'), {"B", "", "", ""}, speech_b_.duration_s(), fp::find_spectral_peaks(speech_b_)).id;
  }
  static void TearDownTestSuite() { delete dir_; }

  void SetUp() override {
    PROV_REQUIRE_SHARED_DATA("fsdd");
    PROV_REQUIRE_PROGRAM("ffmpeg");
  }

  // A collage: other speech, A 6-18 s, other, B 20-25 s, other, A 2-6 s (pause-edited: a new offset), other.
  static prov::Signal collage(std::vector<Truth>& truth) {
    prov::Signal q{{}, 16000, 0.0, {}};
    auto piece = [&](const prov::Signal& from, int64_t id, double start, double length) {
      if (id) truth.push_back({id, q.duration_s(), q.duration_s() + length, start});
      ft::append_slice(q, from, start, length);
    };
    piece(other_, 0, 0, 4);
    piece(speech_a_, id_a_, 6, 12);
    piece(other_, 0, 5, 3);
    piece(speech_b_, id_b_, 20, 5);
    piece(other_, 0, 9, 4);
    piece(speech_a_, id_a_, 2, 4);
    piece(other_, 0, 14, 3);
    return q;
  }

  static std::vector<fp::SegmentMatch> match(const prov::Signal& s) {
    auto index = fp::ArchiveIndex::open((dir_->path() / "archive.sqlite").string(),
                                        fp::ArchiveIndex::Mode::open_existing);
    return fp::match_segments(fp::query_landmarks(fp::find_spectral_peaks(s)), index);
  }

  static void expect_found(const std::vector<fp::SegmentMatch>& found, const std::vector<Truth>& truth, double speed) {
    std::string listing;
    for (const auto& f : found)
      listing += testing::PrintToString(std::vector<double>{double(f.item), f.query_start_s, f.query_end_s, f.item_start_s, f.time_scale}) + "\n";
    SCOPED_TRACE("found (item, query start, end, item start, scale):\n" + listing);
    ASSERT_EQ(found.size(), truth.size());
    for (std::size_t i = 0; i < truth.size(); ++i) {
      const auto& f = found[i];
      const auto& t = truth[i];
      SCOPED_TRACE(testing::Message() << "segment " << i);
      EXPECT_EQ(f.item, t.item);
      EXPECT_NEAR(f.query_start_s, t.query_start / speed, 0.6);
      EXPECT_NEAR(f.query_end_s, t.query_end / speed, 0.8);
      EXPECT_NEAR(f.item_start_s + (t.query_start / speed - f.query_start_s) / f.time_scale, t.item_start, 0.15);
      EXPECT_NEAR(f.time_scale, 1.0 / speed, 0.01);
    }
  }

  static inline prov::test::TempDir* dir_ = nullptr;
  static inline prov::Signal speech_a_, speech_b_, other_;
  static inline int64_t id_a_ = 0, id_b_ = 0;
};

}  // namespace

TEST_F(SegmentMatching, FindsEverySplicedSegmentInAnMp3Collage) {
  std::vector<Truth> truth;
  const auto q = collage(truth);
  ft::encode(dir_->path() / "collage.mp3", q, "-c:a libmp3lame -b:a 64k");
  const auto decoded = prov::media::decode_mono((dir_->path() / "collage.mp3").string(), 16000);
  expect_found(match(decoded), truth, 1.0);
}

TEST_F(SegmentMatching, FindsSegmentsInACopyPlayedThreePercentFast) {
  std::vector<Truth> truth;
  const auto q = collage(truth);
  ft::encode(dir_->path() / "fast.m4a", q, "-af asetrate=16480,aresample=16000 -c:a aac -b:a 64k");
  const auto decoded = prov::media::decode_mono((dir_->path() / "fast.m4a").string(), 16000);
  expect_found(match(decoded), truth, 1.03);
}

TEST_F(SegmentMatching, FindsSegmentsInATelephoneBandCopy) {
  std::vector<Truth> truth;
  const auto q = collage(truth);
  ft::encode(dir_->path() / "phone.wav", q, "-af highpass=f=300,lowpass=f=3400 -ar 8000 -c:a pcm_mulaw");
  const auto decoded = prov::media::decode_mono((dir_->path() / "phone.wav").string(), 16000);
  expect_found(match(decoded), truth, 1.0);
}

TEST_F(SegmentMatching, UnarchivedSpeechOfTheSameKindMatchesNothing) {
  // Same words (digits), other recordings of the archived speakers.
  auto george_again = ft::fsdd_speech("george", 20, 4);
  auto jackson_again = ft::fsdd_speech("jackson", 20, 4);
  george_again.samples.insert(george_again.samples.end(), jackson_again.samples.begin(), jackson_again.samples.end());
  EXPECT_TRUE(match(george_again).empty());
}

TEST_F(SegmentMatching, FindingsCarryBothSpansAndTheItem) {
  std::vector<Truth> truth;
  const auto q = collage(truth);
  auto index = fp::ArchiveIndex::open((dir_->path() / "archive.sqlite").string(), fp::ArchiveIndex::Mode::open_existing);
  const auto matches = match(q);
  const auto findings = fp::reuse_findings(matches, index.items(), index.stats().hours);
  ASSERT_EQ(findings.size(), matches.size());
  ASSERT_FALSE(findings.empty());
  const auto& f = findings.front();
  EXPECT_EQ(f.kind, "reuse");
  EXPECT_EQ(f.evidence["archive_item_id"], id_a_);
  EXPECT_EQ(f.evidence["archive_title"], "A");
  EXPECT_NEAR(f.evidence["item_start_s"].get<double>(), 6.0, 0.7);
  EXPECT_GT(f.strength, 0.5);
  EXPECT_NE(f.summary.find("\"A\""), std::string::npos) << f.summary;
  EXPECT_GE(f.evidence["significance"].get<double>(), fp::MatchParams{}.min_significance);
  EXPECT_GT(f.evidence["false_alarms_per_hour"].get<double>(), 0.0);
  EXPECT_NE(f.summary.find("per hour"), std::string::npos) << f.summary;
}

// Short reuses between unarchived speech of the same kind: the reported
// span is the reused one, not stretched by stray matches around it.
TEST_F(SegmentMatching, ShortReusesAreReportedWithTightExtents) {
  for (const double length : {3.0, 4.0}) {
    SCOPED_TRACE(testing::Message() << length << " s reuse");
    prov::Signal q{{}, 16000, 0.0, {}};
    ft::append_slice(q, other_, 0, 5);
    const double start = q.duration_s();
    ft::append_slice(q, speech_a_, 10, length);
    ft::append_slice(q, other_, 6, 5);
    const auto found = match(q);
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].item, id_a_);
    EXPECT_NEAR(found[0].query_start_s, start, 0.4);
    EXPECT_NEAR(found[0].query_end_s, start + length, 0.6);
    EXPECT_LT(found[0].query_end_s - found[0].query_start_s, length + 1.0);
    EXPECT_NEAR(found[0].item_start_s + (start - found[0].query_start_s), 10.0, 0.15);
  }
}

// A lower significance threshold finds at least as much; a higher one at most as much.
TEST_F(SegmentMatching, SignificanceThresholdOrdersWhatIsFound) {
  std::vector<Truth> truth;
  const auto q = collage(truth);
  auto index = fp::ArchiveIndex::open((dir_->path() / "archive.sqlite").string(), fp::ArchiveIndex::Mode::open_existing);
  const auto lm = fp::query_landmarks(fp::find_spectral_peaks(q));
  fp::MatchParams strict, normal, loose;
  strict.min_significance = 1e6;
  loose.min_significance = 4;
  EXPECT_TRUE(fp::match_segments(lm, index, strict).empty());
  const auto n = fp::match_segments(lm, index, normal).size();
  EXPECT_EQ(n, truth.size());
  EXPECT_GE(fp::match_segments(lm, index, loose).size(), n);
}

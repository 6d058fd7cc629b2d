#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <random>

#include "integrity/scan_fixtures.h"
#include "integrity/scanner.h"
#include "support/test_support.h"

namespace prov::test {
namespace {

TEST(Clipping, GainPushedIntoFullScaleIsFoundWhereItHappens) {
  PROV_REQUIRE_SHARED_DATA("fsdd");
  PROV_REQUIRE_PROGRAM("sox");
  TempDir dir;
  join_fsdd(fsdd_speaker("george", 0, 2), dir / "speech.wav");
  // Seconds 4-6 boosted by 30 dB and clipped by sox's own integer output.
  run_or_throw("sox -R -D " + shell_quote((dir / "speech.wav").string()) + " " +
               shell_quote((dir / "clipped.wav").string()) + " trim 0 =4 : newfile : trim 0 2 : newfile");
  run_or_throw("sox -R -D " + shell_quote((dir / "clipped002.wav").string()) + " " +
               shell_quote((dir / "loud.wav").string()) + " gain 30 2>/dev/null");
  run_or_throw("sox -R -D " + shell_quote((dir / "clipped001.wav").string()) + " " + shell_quote((dir / "loud.wav").string()) +
               " " + shell_quote((dir / "clipped003.wav").string()) + " " + shell_quote((dir / "joined.wav").string()));
  const auto result = scan_file(dir / "joined.wav");
  const auto clips = with_detector(result.findings, "integrity.clipping");
  ASSERT_FALSE(clips.empty()) << describe(result.findings);
  for (const Finding& f : clips) {
    EXPECT_GE(f.start_s, 3.95);
    EXPECT_LE(f.end_s, 6.05);
  }
}

TEST(DcStep, OffsetAddedToTheSecondHalfIsPlacedAtTheJoin) {
  PROV_REQUIRE_SHARED_DATA("fsdd");
  PROV_REQUIRE_PROGRAM("sox");
  TempDir dir;
  join_fsdd(fsdd_speaker("nicolas", 0, 4), dir / "speech.wav");
  const std::string speech = shell_quote((dir / "speech.wav").string());
  run_or_throw("sox -R -D " + speech + " " + shell_quote((dir / "a.wav").string()) + " trim 0 =9");
  run_or_throw("sox -R -D " + speech + " " + shell_quote((dir / "b.wav").string()) + " trim 9 dcshift 0.02");
  run_or_throw("sox -R -D " + shell_quote((dir / "a.wav").string()) + " " + shell_quote((dir / "b.wav").string()) +
               " " + shell_quote((dir / "dc.wav").string()));
  const auto result = scan_file(dir / "dc.wav");
  const auto steps = with_detector(result.findings, "integrity.dc_step");
  ASSERT_EQ(steps.size(), 1u) << describe(result.findings);
  EXPECT_TRUE(covers(steps[0], 9.0, 0.2)) << describe(steps);
  EXPECT_NEAR(steps[0].evidence["dc_after"].get<double>() - steps[0].evidence["dc_before"].get<double>(), 0.02, 0.004);
}

TEST(Streaming, ChunkSizeDoesNotChangeTheResult) {
  std::mt19937 rng(3);
  std::normal_distribution<float> noise(0.0f, 0.003f);
  Signal s;
  s.sample_rate = 22050;
  for (int i = 0; i < 22050 * 12; ++i) {
    const double t = i / 22050.0;
    const double env = std::pow(std::max(0.0, std::sin(2 * std::numbers::pi * 2.5 * t)), 2);
    s.samples.push_back(static_cast<float>(0.3 * env * std::sin(2 * std::numbers::pi * 300 * t)) + noise(rng));
  }
  for (int i = 22050 * 5; i < 22050 * 5 + 6000; ++i) s.samples[static_cast<std::size_t>(i)] = 0.0f;
  const auto whole = integrity::scan(s);
  integrity::IntegrityScanner scanner(s.sample_rate);
  std::size_t at = 0, chunk = 1;
  while (at < s.samples.size()) {
    const std::size_t n = std::min(chunk, s.samples.size() - at);
    scanner.feed(s.samples.data() + at, n);
    at += n;
    chunk = chunk * 3 % 5003 + 1;  // odd sizes, from one sample to thousands
  }
  const auto streamed = scanner.finish();
  ASSERT_EQ(whole.findings.size(), 1u);
  ASSERT_EQ(streamed.findings.size(), whole.findings.size());
  EXPECT_EQ(to_json(streamed.findings[0]), to_json(whole.findings[0]));
  EXPECT_EQ(streamed.profile.level_db, whole.profile.level_db);
  EXPECT_NEAR(whole.findings[0].start_s, 5.0, 1e-3);
  EXPECT_NEAR(whole.findings[0].end_s, 5.0 + 6000 / 22050.0, 1e-3);
}

TEST(BadInput, RejectsAbsurdRatesAndMisuse) {
  EXPECT_THROW(integrity::IntegrityScanner(0), std::invalid_argument);
  EXPECT_THROW(integrity::IntegrityScanner(1000), std::invalid_argument);
  integrity::IntegrityScanner scanner(16000);
  (void)scanner.finish();
  const float x = 0.0f;
  EXPECT_THROW(scanner.feed(&x, 1), std::logic_error);
  EXPECT_THROW((void)scanner.finish(), std::logic_error);
}

TEST(BadInput, EmptyAndTinySignalsGiveEmptyResults) {
  Signal empty;
  empty.sample_rate = 16000;
  const auto r = integrity::scan(empty);
  EXPECT_TRUE(r.findings.empty());
  EXPECT_EQ(r.duration_s, 0.0);
  Signal tiny = empty;
  tiny.samples.assign(37, 0.5f);
  EXPECT_TRUE(integrity::scan(tiny).findings.empty());
}

}  // namespace
}  // namespace prov::test

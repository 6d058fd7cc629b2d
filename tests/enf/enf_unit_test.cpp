// ENF building blocks on synthetic signals, and bad input.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <cmath>
#include <fstream>
#include <numbers>
#include <random>

#include "core/error.h"
#include "dsp/decimate.h"
#include "enf/analysis.h"
#include "enf/presence.h"
#include "enf/reference_csv.h"
#include "enf/reference_db.h"
#include "support/test_support.h"

using namespace prov::enf;
using prov::Signal;

namespace {

Signal tone(double hz, double seconds, int rate, double amplitude = 0.5) {
  Signal s;
  s.sample_rate = rate;
  s.samples.resize(static_cast<std::size_t>(seconds * rate));
  for (std::size_t i = 0; i < s.samples.size(); ++i)
    s.samples[i] = static_cast<float>(amplitude * std::sin(2 * std::numbers::pi * hz * i / rate));
  return s;
}

double rms(const std::vector<float>& x, std::size_t skip) {
  double s = 0;
  for (std::size_t i = skip; i + skip < x.size(); ++i) s += x[i] * x[i];
  return std::sqrt(s / (x.size() - 2 * skip));
}

}  // namespace

TEST(Decimator, PassesHumBandAndRemovesWhatWouldFold) {
  const prov::dsp::Decimator d(16000, 20, 312, 488);
  const Signal pass = tone(300, 2, 16000), stop = tone(520, 2, 16000);
  const auto a = d.process(pass.samples.data(), pass.samples.size());
  const auto b = d.process(stop.samples.data(), stop.samples.size());
  EXPECT_DOUBLE_EQ(d.output_rate(), 800.0);
  EXPECT_NEAR(rms(a, 50) / (0.5 / std::sqrt(2.0)), 1.0, 0.01);
  EXPECT_LT(rms(b, 50) / (0.5 / std::sqrt(2.0)), 1e-3);  // below -60 dB
}

TEST(EnfPresence, BinomialTailMatchesHandComputation) {
  EXPECT_NEAR(binomial_tail(3, 3, 0.1), 0.001, 1e-12);
  EXPECT_NEAR(binomial_tail(3, 2, 0.1), 3 * 0.01 * 0.9 + 0.001, 1e-12);
  EXPECT_DOUBLE_EQ(binomial_tail(5, 0, 0.3), 1.0);
}

TEST(EnfPresence, WhiteNoiseIsNotHum) {
  std::mt19937 rng(1);
  std::normal_distribution<float> g(0, 0.1f);
  for (int trial = 0; trial < 3; ++trial) {
    Signal s;
    s.sample_rate = 8000;
    s.samples.resize(120 * 8000);
    for (auto& v : s.samples) v = g(rng);
    const EnfAnalysis a = extract_enf(s);
    EXPECT_FALSE(a.presence.present) << a.presence.reason;
  }
}

TEST(EnfExtraction, SteadyToneIsMeasuredToAFractionOfAMillihertzButIsNotMainsHum) {
  const Signal s = tone(50.0123, 60, 8000, 0.01);
  EnfOptions forced;
  forced.nominal_hz = 50;
  forced.force_trace = true;
  const EnfAnalysis measured = extract_enf(s, forced);
  ASSERT_TRUE(measured.trace);
  for (double f : measured.trace->frequency_hz) EXPECT_NEAR(f, 50.0123, 0.0005);
  // The grid's frequency wanders; a tone this steady is a test tone or an instrument.
  const EnfAnalysis a = extract_enf(s);
  EXPECT_FALSE(a.presence.present);
  EXPECT_NE(a.presence.reason.find("steady tone at 50.012"), std::string::npos) << a.presence.reason;
  EXPECT_FALSE(a.trace);
}

TEST(EnfExtraction, ConstantToneWithHarmonicsInNoiseIsNotMainsHum) {
  // A 50.000 Hz tone with harmonics under white noise: steady within its extraction noise.
  std::mt19937 rng(4);
  std::normal_distribution<float> g(0.0f, 0.3f);
  Signal s = tone(50.0, 120, 8000, 0.02);
  for (std::size_t i = 0; i < s.samples.size(); ++i) {
    const double t = static_cast<double>(i) / 8000;
    for (int k = 2; k <= 4; ++k) s.samples[i] += static_cast<float>(0.01 * std::sin(2 * std::numbers::pi * 50.0 * k * t + k));
    s.samples[i] += g(rng);
  }
  const EnfAnalysis a = extract_enf(s);
  EXPECT_FALSE(a.presence.present);
  EXPECT_NE(a.presence.reason.find("steady tone"), std::string::npos) << a.presence.reason;
}

TEST(EnfPresence, NoHumReasonNamesEachNominalTested) {
  std::mt19937 rng(8);
  std::normal_distribution<float> g(0.0f, 0.1f);
  Signal s;
  s.sample_rate = 8000;
  s.samples.resize(60 * 8000);
  for (auto& v : s.samples) v = g(rng);
  const EnfAnalysis a = extract_enf(s);
  ASSERT_FALSE(a.presence.present);
  EXPECT_NE(a.presence.reason.find("50 Hz: "), std::string::npos) << a.presence.reason;
  EXPECT_NE(a.presence.reason.find("60 Hz: "), std::string::npos) << a.presence.reason;
  EnfOptions sixty;
  sixty.nominal_hz = 60;
  const EnfAnalysis b = extract_enf(s, sixty);
  EXPECT_EQ(b.presence.reason.find("50 Hz"), std::string::npos) << b.presence.reason;
}

TEST(EnfBadInput, TooShortOrTooLowRateIsRefusedWithAReason) {
  EXPECT_THROW(extract_enf(tone(50, 5, 8000)), prov::InputError);
  EXPECT_THROW(extract_enf(tone(20, 60, 100)), prov::InputError);
  EnfOptions o;
  o.nominal_hz = 55;
  EXPECT_THROW(extract_enf(tone(50, 60, 8000), o), prov::InputError);
}

TEST(EnfMatch, ReferenceWithGapsAndMissingDataIsHandled) {
  // A random-walk reference with a gap; the clip is cut across the gap's edge.
  std::mt19937 rng(3);
  std::normal_distribution<double> step(0, 0.002);
  ReferenceSeries ref;
  ref.grid = "test";
  ref.nominal_hz = 50;
  ref.first_utc = 1600000000;
  double f = 50;
  for (int i = 0; i < 20000; ++i) {
    f += step(rng) - 0.01 * (f - 50);
    ref.frequency_hz.push_back(static_cast<float>(f));
  }
  for (int i = 12000; i < 12030; ++i) ref.frequency_hz[i] = NAN;
  EnfTrace clip;
  clip.nominal_hz = 50;
  clip.start_s = 4;
  for (int i = 0; i < 300; ++i) {
    clip.frequency_hz.push_back(ref.frequency_hz[11750 + i] + 0.003);  // offset: a slow recorder clock
    clip.confidence.push_back(1.0);
  }
  for (int i = 250; i < 280; ++i) clip.frequency_hz[i] = 50.0;  // unknown in the reference: value irrelevant
  const MatchResult m = match_trace(clip, ref);
  ASSERT_FALSE(m.candidates.empty()) << m.note;
  EXPECT_NEAR(m.candidates[0].clip_start_utc, ref.first_utc + 11750 + 0.5 - 4, 0.5);
  EXPECT_NEAR(m.candidates[0].offset_mhz, 3.0, 0.5);
  EXPECT_NEAR(m.candidates[0].coverage, 0.9, 0.001);

  // Ranking and margin agree: candidates by RMSE, margin = runner-up RMSE / best RMSE.
  for (std::size_t i = 1; i < m.candidates.size(); ++i)
    EXPECT_LE(m.candidates[i - 1].rmse_mhz, m.candidates[i].rmse_mhz);
  ASSERT_TRUE(m.margin);
  EXPECT_NEAR(*m.margin, std::max(m.candidates[1].rmse_mhz, 0.1) / std::max(m.candidates[0].rmse_mhz, 0.1), 1e-9);
  EXPECT_EQ(m.verdict, Verdict::placed) << m.verdict_reason;

  // A clip from a stretch the reference does not hold: never placed.
  EnfTrace stranger = clip;
  std::mt19937 other_rng(11);
  double g = 50;
  for (auto& v : stranger.frequency_hz) v = g += step(other_rng) - 0.01 * (g - 50);
  const MatchResult none = match_trace(stranger, ref);
  ASSERT_FALSE(none.candidates.empty());
  EXPECT_NE(none.verdict, Verdict::placed) << none.verdict_reason;

  // Only one position to compare with: no margin, and not placed.
  ReferenceSeries exact;
  exact.grid = "test";
  exact.nominal_hz = 50;
  exact.first_utc = ref.first_utc;
  exact.frequency_hz.assign(ref.frequency_hz.begin() + 11750, ref.frequency_hz.begin() + 12000);
  EnfTrace head = clip;
  head.frequency_hz.resize(250);
  head.confidence.resize(250);
  MatchOptions strict;
  strict.min_coverage = 1.0;
  const MatchResult single = match_trace(head, exact, strict);
  ASSERT_EQ(single.candidates.size(), 1u) << single.note;
  EXPECT_FALSE(single.margin);
  EXPECT_EQ(single.verdict, Verdict::ambiguous) << single.verdict_reason;

  ReferenceSeries other = ref;
  other.nominal_hz = 60;
  EXPECT_TRUE(match_trace(clip, other).candidates.empty());
  ReferenceSeries tiny = ref;
  tiny.frequency_hz.resize(100);
  EXPECT_FALSE(match_trace(clip, tiny).note.empty());
}

TEST(EnfReferenceCsv, ParsesOperatorStylesAndAveragesToSeconds) {
  double t = 0;
  ASSERT_TRUE(parse_utc("2024-03-01 12:00:00", t));
  EXPECT_DOUBLE_EQ(t, 1709294400);
  ASSERT_TRUE(parse_utc("2024-03-01T12:00:00.5Z", t));
  EXPECT_DOUBLE_EQ(t, 1709294400.5);
  ASSERT_TRUE(parse_utc("2024-03-01T13:00:00+01:00", t));
  EXPECT_DOUBLE_EQ(t, 1709294400);
  ASSERT_TRUE(parse_utc("1709294400", t));
  EXPECT_FALSE(parse_utc("yesterday", t));
  EXPECT_FALSE(parse_utc("2024-13-01 00:00:00", t));

  // Times typed by a user: plain dates are UTC days; a clock time needs its zone.
  bool date_only = false;
  EXPECT_EQ(parse_user_time("2024-03-01", t, date_only), "");
  EXPECT_TRUE(date_only);
  EXPECT_DOUBLE_EQ(t, 1709251200);
  EXPECT_EQ(parse_user_time("2024-03-01T15:00:00+03:00", t, date_only), "");
  EXPECT_FALSE(date_only);
  EXPECT_DOUBLE_EQ(t, 1709294400);
  EXPECT_EQ(parse_user_time("2024-03-01 12:00:00 UTC", t, date_only), "");
  EXPECT_EQ(parse_user_time("1709294400", t, date_only), "");
  EXPECT_NE(parse_user_time("2024-03-01 12:00:00", t, date_only).find("no zone"), std::string::npos);
  EXPECT_NE(parse_user_time("2024-02-30", t, date_only), "");
  EXPECT_NE(parse_user_time("yesterday", t, date_only), "");

  prov::test::TempDir dir;
  const auto path = (dir / "grid.csv").string();
  {
    std::ofstream out(path);
    out << "Time;Frequency\n";
    out << "2024-03-01 12:00:00.0;50.010\n2024-03-01 12:00:00.5;50.020\n";
    out << "2024-03-01 12:00:01.0;50.030\n2024-03-01 12:00:04.0;49.990\n";
  }
  const auto samples = read_frequency_csv(path);
  ASSERT_EQ(samples.size(), 4u);
  const ReferenceSeries s = to_per_second(samples, "de", 50);
  ASSERT_EQ(s.size(), 5u);
  EXPECT_NEAR(s.frequency_hz[0], 50.015, 1e-5);
  EXPECT_TRUE(std::isnan(s.frequency_hz[2]));
  EXPECT_EQ(s.valid_count(), 3u);
}

TEST(EnfReferenceCsv, BadFilesNameTheFileAndLine) {
  prov::test::TempDir dir;
  auto write = [&](const std::string& name, const std::string& text) {
    std::ofstream(dir / name) << text;
    return (dir / name).string();
  };
  const auto bad_row = write("bad.csv", "time,f\n2024-03-01 12:00:00,50.0\n2024-03-01 12:00:01,abc\n");
  try {
    read_frequency_csv(bad_row);
    FAIL() << "no error";
  } catch (const prov::InputError& e) {
    EXPECT_NE(std::string(e.what()).find("bad.csv:3"), std::string::npos) << e.what();
  }
  EXPECT_THROW(read_frequency_csv(write("range.csv", "2024-03-01 12:00:00,5000\n")), prov::InputError);
  EXPECT_THROW(read_frequency_csv(write("empty.csv", "")), prov::InputError);
  EXPECT_THROW(read_frequency_csv((dir / "missing.csv").string()), prov::InputError);
}

TEST(EnfReferenceDb, StoresGridsAcrossDaysWithGapsAndSurvivesReopening) {
  prov::test::TempDir dir;
  const auto path = (dir / "ref.enfdb").string();
  ReferenceSeries s;
  s.grid = "test";
  s.nominal_hz = 50;
  s.first_utc = 86400 * 19000 - 100;  // crosses midnight
  for (int i = 0; i < 300; ++i) s.frequency_hz.push_back(i >= 150 && i < 160 ? NAN : 50.0f + 0.001f * (i % 7));
  {
    auto db = ReferenceDb::open(path, true);
    const auto summary = db.import(s, "csv", "synthetic");
    EXPECT_EQ(summary.seconds_written, 290u);
    EXPECT_EQ(summary.seconds_missing, 10u);
  }
  auto db = ReferenceDb::open(path, false);
  const auto grids = db.grids();
  ASSERT_EQ(grids.size(), 1u);
  EXPECT_EQ(grids[0].gaps, 1u);
  EXPECT_EQ(grids[0].seconds_with_data, 290u);
  EXPECT_EQ(grids[0].first_utc, s.first_utc);
  const auto loaded = db.load("test");
  ASSERT_EQ(loaded.size(), 300u);
  EXPECT_EQ(loaded.first_utc, s.first_utc);
  EXPECT_FLOAT_EQ(loaded.frequency_hz[299], s.frequency_hz[299]);
  EXPECT_TRUE(std::isnan(loaded.frequency_hz[155]));
  const auto part = db.load("test", s.first_utc + 200, s.first_utc + 209);
  EXPECT_EQ(part.size(), 10u);
  EXPECT_EQ(part.first_utc, s.first_utc + 200);
  // A later import never erases data with its gaps.
  ReferenceSeries patch = s;
  patch.frequency_hz.assign(300, NAN);
  patch.frequency_hz[155] = 50.5f;
  db.import(patch, "csv", "patch");
  EXPECT_FLOAT_EQ(db.load("test").frequency_hz[155], 50.5f);
  EXPECT_FLOAT_EQ(db.load("test").frequency_hz[10], s.frequency_hz[10]);
  EXPECT_THROW(db.load("nope"), prov::InputError);
  ReferenceSeries wrong = s;
  wrong.nominal_hz = 60;
  EXPECT_THROW(db.import(wrong, "csv", "x"), prov::InputError);
}

TEST(EnfReferenceDb, RefusesFilesThatAreNotReferenceFiles) {
  prov::test::TempDir dir;
  EXPECT_THROW(ReferenceDb::open((dir / "missing.db").string(), false), prov::InputError);
  const auto junk = (dir / "junk.db").string();
  std::ofstream(junk) << "this is not a database at all, just some text that goes on for a while......";
  EXPECT_THROW(ReferenceDb::open(junk, true), prov::InputError);
  const auto other = (dir / "other.db").string();
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open(other.c_str(), &raw), SQLITE_OK);
  sqlite3_exec(raw, "CREATE TABLE t(x)", nullptr, nullptr, nullptr);
  sqlite3_close(raw);
  EXPECT_THROW(ReferenceDb::open(other, true), prov::InputError);
}

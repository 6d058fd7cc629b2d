// ENF on the real ENF-WHU mains references and real FSDD speech.
#include <gtest/gtest.h>

#include <cmath>
#include <numeric>

#include "core/sample_spool.h"
#include "dsp/decimate.h"
#include "enf/analysis.h"
#include "enf/enf_signals.h"

namespace td = prov::enf::testdata;
using namespace prov::enf;
using prov::Signal;

namespace {

constexpr int kRate = 16000;

struct Ref {
  Signal signal;
  std::vector<double> phase;
  EnfTrace truth;
};

const Ref& reference(std::size_t index) {
  static std::map<std::size_t, Ref> cache;
  auto it = cache.find(index);
  if (it != cache.end()) return it->second;
  Ref r;
  r.signal = prov::media::decode_mono(td::whu_files().at(index).string(), 0);
  r.phase = td::fundamental_phase(r.signal);
  EnfOptions o;
  o.nominal_hz = 50;
  o.force_trace = true;
  r.truth = *extract_enf(r.signal, o).trace;
  return cache.emplace(index, std::move(r)).first->second;
}

std::vector<float> hum_from(const Ref& r, double from_s, double seconds, double scale = 1.0) {
  const auto first = static_cast<std::size_t>(from_s * r.signal.sample_rate);
  std::vector<double> phase(r.phase.begin() + static_cast<std::ptrdiff_t>(first),
                            r.phase.begin() + static_cast<std::ptrdiff_t>(first + (seconds + 1) * r.signal.sample_rate));
  for (auto& p : phase) p *= scale;
  return td::hum_from_phase(phase, r.signal.sample_rate, kRate, static_cast<std::size_t>(seconds * kRate));
}

double rmse_mhz(const EnfTrace& t, const EnfTrace& truth, double from_s) {
  double se = 0;
  for (std::size_t i = 0; i < t.size(); ++i) {
    const auto j = static_cast<std::size_t>(std::lround(from_s + t.time_of(i) - truth.start_s));
    se += std::pow(t.frequency_hz[i] - truth.frequency_hz.at(j), 2);
  }
  return 1000 * std::sqrt(se / static_cast<double>(t.size()));
}

}  // namespace

TEST(EnfRealData, MainsReferenceHasFiftyHertzHumWithHighConfidence) {
  PROV_REQUIRE_SHARED_DATA("enf-whu-ref");
  const Signal s = prov::media::decode_mono(td::whu_files().at(0).string(), 0);
  ASSERT_EQ(s.sample_rate, 400);
  const EnfAnalysis a = extract_enf(s);
  ASSERT_TRUE(a.presence.present) << a.presence.reason;
  EXPECT_EQ(a.presence.nominal_hz, 50);
  EXPECT_LT(a.presence.p_value, 1e-10);
  ASSERT_TRUE(a.trace);
  EXPECT_EQ(a.trace->size(), static_cast<std::size_t>(std::floor(s.duration_s() - 8)) + 1);
  const double mean = std::accumulate(a.trace->frequency_hz.begin(), a.trace->frequency_hz.end(), 0.0) / a.trace->size();
  EXPECT_NEAR(mean, 50.0, 0.1);
  const double confident = std::count_if(a.trace->confidence.begin(), a.trace->confidence.end(), [](double c) { return c > 0.8; });
  EXPECT_GT(confident / a.trace->size(), 0.95);
}

TEST(EnfRealData, TraceFromHumInSpeechFollowsTheTruthAtMinus25dB) {
  PROV_REQUIRE_SHARED_DATA("enf-whu-ref");
  PROV_REQUIRE_SHARED_DATA("fsdd");
  const Ref& r = reference(1);
  const double from = 37.3;
  const auto hum = hum_from(r, from, 90);
  const Signal mixed = td::mix(hum, td::speech(kRate, hum.size(), 5), kRate, -25.0);
  const EnfAnalysis a = extract_enf(mixed);
  ASSERT_TRUE(a.presence.present) << a.presence.reason;
  EXPECT_EQ(a.presence.nominal_hz, 50);
  ASSERT_TRUE(a.trace);
  EXPECT_LT(rmse_mhz(*a.trace, r.truth, from), 5.0);
}

TEST(EnfRealData, SixtyHertzHumIsRecognisedAsSuch) {
  PROV_REQUIRE_SHARED_DATA("enf-whu-ref");
  PROV_REQUIRE_SHARED_DATA("fsdd");
  const Ref& r = reference(2);
  const auto hum = hum_from(r, 10, 60, 1.2);  // the same wander on a 60 Hz grid
  const Signal mixed = td::mix(hum, td::speech(kRate, hum.size(), 6), kRate, -20.0);
  const EnfAnalysis a = extract_enf(mixed);
  ASSERT_TRUE(a.presence.present) << a.presence.reason;
  EXPECT_EQ(a.presence.nominal_hz, 60);
  EXPECT_NEAR(a.trace->frequency_hz[10], 1.2 * r.truth.frequency_hz[10 + 10], 0.01);
}

TEST(EnfRealData, SpeechWithoutHumAndBassMusicAreNotClaimed) {
  PROV_REQUIRE_SHARED_DATA("fsdd");
  const auto voice = td::speech(kRate, 90 * kRate, 9);
  const Signal speech = td::mix(std::vector<float>(voice.size(), 0.0f), voice, kRate, -200.0);
  const EnfAnalysis a = extract_enf(speech);
  EXPECT_FALSE(a.presence.present) << a.presence.reason;
  EXPECT_FALSE(a.trace);
  for (unsigned seed : {1u, 2u, 3u}) {
    const EnfAnalysis m = extract_enf(td::bass_music(kRate, 90, seed));
    EXPECT_FALSE(m.presence.present) << "seed " << seed << ": " << m.presence.reason;
  }
}

TEST(EnfRealData, ClipIsPlacedInAReferenceBuiltFromSeveralRecordings) {
  PROV_REQUIRE_SHARED_DATA("enf-whu-ref");
  PROV_REQUIRE_SHARED_DATA("fsdd");
  // Four recordings one hour apart on the UTC axis, with gaps between them.
  const double epoch = 1700000000;
  ReferenceSeries joined;
  joined.grid = "whu";
  joined.nominal_hz = 50;
  joined.first_utc = static_cast<int64_t>(epoch);
  std::vector<double> starts;
  double t = epoch;
  for (std::size_t i = 3; i < 7; ++i) {
    const auto part = reference_from_trace(reference(i).truth, t, "whu");
    joined.frequency_hz.resize(static_cast<std::size_t>(part.first_utc - joined.first_utc), NAN);
    joined.frequency_hz.insert(joined.frequency_hz.end(), part.frequency_hz.begin(), part.frequency_hz.end());
    starts.push_back(t);
    t += std::ceil(reference(i).signal.duration_s()) + 3600;
  }
  const Ref& r = reference(5);
  const double from = 123.6;
  const auto hum = hum_from(r, from, 180);
  const Signal mixed = td::mix(hum, td::speech(kRate, hum.size(), 7), kRate, -25.0);
  const EnfAnalysis a = analyze_enf(mixed, EnfOptions{}, {joined});
  ASSERT_EQ(a.matches.size(), 1u);
  const auto& m = a.matches[0].result;
  ASSERT_FALSE(m.candidates.empty()) << m.note;
  EXPECT_NEAR(m.candidates[0].clip_start_utc, starts[2] + from, 2.0);
  EXPECT_GT(m.candidates[0].correlation, 0.9);
  EXPECT_EQ(m.verdict, Verdict::placed) << m.verdict_reason;
  const auto findings = enf_findings(a, EnfOptions{});
  const auto dated = std::find_if(findings.begin(), findings.end(), [](const auto& f) { return f.kind == "date_window"; });
  ASSERT_NE(dated, findings.end());
  EXPECT_LE(dated->evidence["earliest_utc"].get<double>(), starts[2] + from);
  EXPECT_GE(dated->evidence["latest_utc"].get<double>(), starts[2] + from);
}

TEST(EnfRealData, ClipFromATimeTheReferenceDoesNotCoverIsNotPlaced) {
  PROV_REQUIRE_SHARED_DATA("enf-whu-ref");
  PROV_REQUIRE_SHARED_DATA("fsdd");
  // Recordings 4, 5, 7 and 8 on one axis; the clips come from recording 6, which it lacks.
  ReferenceSeries joined;
  joined.grid = "whu";
  joined.nominal_hz = 50;
  joined.first_utc = 1700000000;
  double t = 1700000000;
  for (std::size_t i : {3u, 4u, 6u, 7u}) {
    const auto part = reference_from_trace(reference(i).truth, t, "whu");
    joined.frequency_hz.resize(static_cast<std::size_t>(part.first_utc - joined.first_utc), NAN);
    joined.frequency_hz.insert(joined.frequency_hz.end(), part.frequency_hz.begin(), part.frequency_hz.end());
    t += std::ceil(reference(i).signal.duration_s()) + 3600;
  }
  const Ref& r = reference(5);
  for (const auto& [from, seconds] : {std::pair{40.2, 120.0}, std::pair{200.7, 300.0}}) {
    const auto hum = hum_from(r, from, seconds);
    const Signal mixed = td::mix(hum, td::speech(kRate, hum.size(), 12), kRate, -25.0);
    const EnfAnalysis a = analyze_enf(mixed, EnfOptions{}, {joined});
    ASSERT_EQ(a.matches.size(), 1u);
    const auto& m = a.matches[0].result;
    ASSERT_FALSE(m.candidates.empty()) << m.note;
    EXPECT_NE(m.verdict, Verdict::placed) << seconds << " s: " << m.verdict_reason;
    for (const auto& f : enf_findings(a, EnfOptions{}))
      if (f.detector == "enf.match") {
        EXPECT_LE(f.strength, 0.2) << f.summary;
      }
  }
}

TEST(EnfRealData, DeletionIsFoundAndUntouchedHumRaisesNoAlarm) {
  PROV_REQUIRE_SHARED_DATA("enf-whu-ref");
  PROV_REQUIRE_SHARED_DATA("fsdd");
  const Ref& r = reference(7);
  auto hum = hum_from(r, 20, 62.3);
  const auto voice = td::speech(kRate, 60 * kRate, 8);
  const Signal untouched = td::mix({hum.begin(), hum.begin() + 60 * kRate}, voice, kRate, -25.0);
  const EnfAnalysis clean = analyze_enf(untouched, EnfOptions{}, {});
  ASSERT_TRUE(clean.edits);
  EXPECT_TRUE(clean.edits->events.empty()) << "first false alarm at " << clean.edits->events.front().time_s << " s";

  const double at = 31.7, removed = 2.337;  // not a whole number of mains cycles
  hum.erase(hum.begin() + static_cast<std::ptrdiff_t>(at * kRate),
            hum.begin() + static_cast<std::ptrdiff_t>((at + removed) * kRate));
  hum.resize(voice.size());
  const EnfAnalysis edited = analyze_enf(td::mix(hum, voice, kRate, -25.0), EnfOptions{}, {});
  ASSERT_TRUE(edited.edits);
  ASSERT_EQ(edited.edits->events.size(), 1u);
  EXPECT_NEAR(edited.edits->events[0].time_s, at, 0.5);
  const auto findings = enf_findings(edited, EnfOptions{});
  EXPECT_EQ(std::count_if(findings.begin(), findings.end(), [](const auto& f) { return f.kind == "edit"; }), 1);
}

// The spectrogram is computed a tile at a time and only the current tile is
// held; every step reads it in time order. Small tiles (a partial one at the
// end), and the hum band streamed while "decoding" into a spool file, must give
// the analysis that one tile over the whole recording gives.
TEST(EnfRealData, TiledAndSpooledAnalysisEqualsTheWholeOne) {
  PROV_REQUIRE_SHARED_DATA("enf-whu-ref");
  PROV_REQUIRE_SHARED_DATA("fsdd");
  const Ref& r = reference(3);
  auto hum = hum_from(r, 12.5, 245);
  const double at = 101.3, removed = 1.713;  // a deletion, so the edit scan has a break to report
  hum.erase(hum.begin() + static_cast<std::ptrdiff_t>(at * kRate),
            hum.begin() + static_cast<std::ptrdiff_t>((at + removed) * kRate));
  hum.resize(240 * kRate);
  const Signal mixed = td::mix(hum, td::speech(kRate, hum.size(), 9), kRate, -22.0);

  EnfOptions whole, tiled;
  whole.spectrogram.tile_frames = 1'000'000;
  tiled.spectrogram.tile_frames = 37;  // 233 frames: six full tiles and a partial one
  const EnfAnalysis a = analyze_enf(mixed, whole, {});
  const EnfAnalysis b = analyze_enf(mixed, tiled, {});

  const prov::dsp::Decimator decimator = hum_band_decimator(kRate);
  prov::dsp::StreamingDecimator streaming(decimator);
  prov::SampleSpool spool(decimator.output_rate(), 1000);
  std::vector<float> block;
  for (std::size_t i = 0; i < mixed.samples.size(); i += 4093) {
    block.clear();
    streaming.push(mixed.samples.data() + i, std::min<std::size_t>(4093, mixed.samples.size() - i), block);
    spool.append(block.data(), block.size());
  }
  block.clear();
  streaming.finish(block);
  spool.append(block.data(), block.size());
  const EnfAnalysis c = analyze_enf(spool, tiled, {});

  ASSERT_TRUE(a.presence.present) << a.presence.reason;
  ASSERT_TRUE(a.trace && a.edits);
  ASSERT_EQ(a.edits->events.size(), 1u) << "the deletion";
  EXPECT_NEAR(a.edits->events[0].time_s, at, 0.5);
  for (const EnfAnalysis* other : {&b, &c}) {
    SCOPED_TRACE(other == &b ? "tiles of 37 frames" : "spooled hum band, tiles of 37 frames");
    EXPECT_EQ(other->presence.present, a.presence.present);
    EXPECT_EQ(other->presence.stable_pairs, a.presence.stable_pairs);
    EXPECT_EQ(other->presence.p_value, a.presence.p_value);
    EXPECT_EQ(other->presence.reason, a.presence.reason);
    ASSERT_EQ(other->tested.size(), a.tested.size());
    for (std::size_t i = 0; i < a.tested.size(); ++i) {
      ASSERT_EQ(other->tested[i].harmonics.size(), a.tested[i].harmonics.size());
      for (std::size_t h = 0; h < a.tested[i].harmonics.size(); ++h) {
        EXPECT_EQ(other->tested[i].harmonics[h].median_snr_db, a.tested[i].harmonics[h].median_snr_db);
        EXPECT_EQ(other->tested[i].harmonics[h].agreement, a.tested[i].harmonics[h].agreement);
      }
    }
    ASSERT_TRUE(other->trace && other->edits);
    ASSERT_EQ(other->trace->size(), a.trace->size());
    double worst_hz = 0, worst_confidence = 0;
    for (std::size_t i = 0; i < a.trace->size(); ++i) {
      worst_hz = std::max(worst_hz, std::abs(other->trace->frequency_hz[i] - a.trace->frequency_hz[i]));
      worst_confidence = std::max(worst_confidence, std::abs(other->trace->confidence[i] - a.trace->confidence[i]));
    }
    EXPECT_LE(worst_hz, 1e-12);
    EXPECT_LE(worst_confidence, 1e-12);
    EXPECT_EQ(other->trace->noise_hz, a.trace->noise_hz);
    EXPECT_EQ(other->trace->harmonics, a.trace->harmonics);
    EXPECT_EQ(other->edits->harmonic, a.edits->harmonic);
    EXPECT_EQ(other->edits->score, a.edits->score);
    ASSERT_EQ(other->edits->events.size(), a.edits->events.size());
    EXPECT_EQ(other->edits->events[0].time_s, a.edits->events[0].time_s);
    EXPECT_EQ(other->edits->events[0].score, a.edits->events[0].score);
  }
}

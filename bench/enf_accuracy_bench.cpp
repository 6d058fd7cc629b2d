// ENF accuracy table (issue 3): estimation vs hum level, timestamping of
// clips against all references joined into one database, edit detection,
// and no false claims of hum. Real data: ENF-WHU mains references and FSDD
// speech from shared/data. Run with --quick for a short pass.
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <map>
#include <numeric>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "enf/analysis.h"
#include "enf/enf_signals.h"

namespace td = prov::enf::testdata;
using prov::Signal;
using namespace prov::enf;

namespace {

constexpr int kRate = 16000;

struct Reference {
  std::string name;
  Signal signal;                // 400 Hz mains recording
  std::vector<double> phase;    // its fundamental phase
  EnfTrace truth;               // its ENF
  std::vector<double> glitches; // phase discontinuities found in the clean recording itself

  bool clean_between(double from_s, double to_s) const {
    return std::none_of(glitches.begin(), glitches.end(), [&](double g) { return g > from_s - 2 && g < to_s + 2; });
  }
};

double median(std::vector<double> v) {
  if (v.empty()) return NAN;
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

EnfOptions fixed_50() {
  EnfOptions o;
  o.nominal_hz = 50;
  o.force_trace = true;
  return o;
}

// Hum re-synthesised from a stretch [from_s, from_s + seconds) of a reference.
std::vector<float> hum_segment(const Reference& r, double from_s, double seconds, unsigned seed) {
  const auto first = static_cast<std::size_t>(from_s * r.signal.sample_rate);
  const auto count = static_cast<std::size_t>((seconds + 0.1) * r.signal.sample_rate);
  std::vector<double> phase(r.phase.begin() + static_cast<std::ptrdiff_t>(first),
                            r.phase.begin() + static_cast<std::ptrdiff_t>(std::min(first + count, r.phase.size())));
  // Fractional start: shift the phase grid by the sub-sample remainder.
  const double frac = from_s * r.signal.sample_rate - static_cast<double>(first);
  for (std::size_t i = 0; i + 1 < phase.size(); ++i) phase[i] += frac * (phase[i + 1] - phase[i]);
  return td::hum_from_phase(phase, r.signal.sample_rate, kRate, static_cast<std::size_t>(seconds * kRate), seed);
}

// Truth ENF over a stretch: the reference trace interpolated at the clip's frame centres.
std::vector<double> truth_for(const Reference& r, double from_s, const EnfTrace& clip) {
  std::vector<double> out(clip.size());
  for (std::size_t i = 0; i < clip.size(); ++i) {
    const double t = from_s + clip.time_of(i);
    const double pos = std::clamp((t - r.truth.start_s) / r.truth.step_s, 0.0, static_cast<double>(r.truth.size() - 1));
    const auto j = std::min(static_cast<std::size_t>(pos), r.truth.size() - 2);
    const double f = pos - static_cast<double>(j);
    out[i] = (1 - f) * r.truth.frequency_hz[j] + f * r.truth.frequency_hz[j + 1];
  }
  return out;
}

struct Speech {
  std::vector<float> samples;
  std::vector<float> take(std::size_t count, std::mt19937& rng) const {
    if (count > samples.size()) throw std::runtime_error("speech track shorter than the clip");
    const std::size_t start = rng() % (samples.size() - count + 1);
    return {samples.begin() + static_cast<std::ptrdiff_t>(start),
            samples.begin() + static_cast<std::ptrdiff_t>(start + count)};
  }
};

void estimation_table(const std::vector<Reference>& refs, const Speech& speech, bool quick) {
  std::cout << "\n### Estimation: hum (harmonics 1-5, from the real references) in FSDD speech + white noise (-30 dB)\n";
  const std::vector<double> levels = {-10, -15, -20, -25, -30, -35, -40};
  const std::size_t trials = quick ? 6 : 20;
  const double seconds = quick ? 120 : 240;
  std::cout << fmt::format("{} clips of {:.0f} s per level, 16 kHz; truth = ENF extracted from the clean reference\n\n",
                           trials, seconds);
  std::cout << "| hum level | median RMSE (mHz) | 90th pct RMSE (mHz) | median Pearson r | hum detected |\n";
  std::cout << "|---|---|---|---|---|\n";
  std::mt19937 rng(42);
  for (double level : levels) {
    std::vector<double> rmses, corrs;
    std::size_t detected = 0;
    for (std::size_t t = 0; t < trials; ++t) {
      const Reference& r = refs[(t * 7 + 3) % refs.size()];
      const double span = r.signal.duration_s() - seconds - 1;
      const double from = std::uniform_real_distribution<double>(0, std::max(0.0, span))(rng);
      const auto hum = hum_segment(r, from, seconds, static_cast<unsigned>(t));
      const Signal mixed = td::mix(hum, speech.take(hum.size(), rng), kRate, level, -30.0, static_cast<unsigned>(t));
      const EnfAnalysis auto_result = extract_enf(mixed, EnfOptions{});
      detected += auto_result.presence.present && auto_result.presence.nominal_hz == 50;
      const EnfAnalysis a = extract_enf(mixed, fixed_50());
      const auto truth = truth_for(r, from, *a.trace);
      double se = 0, mx = 0, my = 0;
      const std::size_t n = truth.size();
      for (std::size_t i = 0; i < n; ++i) se += std::pow(a.trace->frequency_hz[i] - truth[i], 2), mx += a.trace->frequency_hz[i], my += truth[i];
      mx /= n, my /= n;
      double sxy = 0, sxx = 0, syy = 0;
      for (std::size_t i = 0; i < n; ++i) {
        const double dx = a.trace->frequency_hz[i] - mx, dy = truth[i] - my;
        sxy += dx * dy, sxx += dx * dx, syy += dy * dy;
      }
      rmses.push_back(1000 * std::sqrt(se / n));
      corrs.push_back(sxy / std::sqrt(sxx * syy));
    }
    std::vector<double> sorted = rmses;
    std::sort(sorted.begin(), sorted.end());
    std::cout << fmt::format("| {:.0f} dB | {:.2f} | {:.2f} | {:.3f} | {}/{} |\n", level, median(rmses),
                             sorted[static_cast<std::size_t>(0.9 * (sorted.size() - 1))], median(corrs), detected, trials);
  }
}

// All references on one UTC axis, one hour apart: the reference database.
struct Database {
  ReferenceSeries series;
  std::vector<double> start_utc;  // of each reference recording
};

Database join_references(const std::vector<Reference>& refs) {
  Database db;
  constexpr double kEpoch = 1700000000.0;  // 2023-11-14, arbitrary
  double t = kEpoch;
  std::vector<ReferenceSeries> parts;
  for (const auto& r : refs) {
    db.start_utc.push_back(t);
    parts.push_back(reference_from_trace(r.truth, t, "whu"));
    t += std::ceil(r.signal.duration_s()) + 3600;
  }
  db.series.grid = "whu";
  db.series.nominal_hz = 50;
  db.series.first_utc = parts.front().first_utc;
  const int64_t last = parts.back().first_utc + static_cast<int64_t>(parts.back().size());
  db.series.frequency_hz.assign(static_cast<std::size_t>(last - db.series.first_utc), NAN);
  for (const auto& p : parts)
    std::copy(p.frequency_hz.begin(), p.frequency_hz.end(),
              db.series.frequency_hz.begin() + (p.first_utc - db.series.first_utc));
  return db;
}

void timestamp_table(const std::vector<Reference>& refs, const Speech& speech, bool quick) {
  const Database db = join_references(refs);
  std::cout << fmt::format("\n### Timestamping: clips matched against all {} references joined ({:.1f} h of ENF in a "
                           "{:.1f} h span with gaps)\n",
                           refs.size(), db.series.valid_count() / 3600.0, db.series.size() / 3600.0);
  std::cout << "Clip hum re-synthesised from a random stretch (random sub-second start) at -25 dB in FSDD speech + noise.\n\n";
  std::cout << "| clip length | clips | hum detected | within +-2 s | median error (s) | median margin (RMSE2 / RMSE1) | mean match time (ms) |\n";
  std::cout << "|---|---|---|---|---|---|---|\n";
  std::mt19937 rng(7);
  for (double length : {60.0, 120.0, 300.0, 600.0}) {
    const std::size_t clips = quick ? 15 : 60;
    std::size_t detected = 0, placed = 0, made = 0;
    std::vector<double> errors, margins;
    double match_ms = 0;
    for (std::size_t c = 0; made < clips && c < 100 * clips; ++c) {
      const std::size_t index = rng() % refs.size();
      const Reference& r = refs[index];
      if (r.signal.duration_s() < length + 2) continue;
      ++made;
      const double from = std::uniform_real_distribution<double>(0, r.signal.duration_s() - length - 1)(rng);
      const auto hum = hum_segment(r, from, length, static_cast<unsigned>(c));
      const Signal mixed = td::mix(hum, speech.take(hum.size(), rng), kRate, -25.0, -30.0, static_cast<unsigned>(c));
      const EnfAnalysis a = extract_enf(mixed, EnfOptions{});
      if (!a.trace) {
        errors.push_back(1e9);
        continue;
      }
      ++detected;
      const auto t0 = std::chrono::steady_clock::now();
      const MatchResult m = match_trace(*a.trace, db.series);
      match_ms += std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
      if (m.candidates.empty()) {
        errors.push_back(1e9);
        continue;
      }
      const double error = std::abs(m.candidates[0].clip_start_utc - (db.start_utc[index] + from));
      errors.push_back(error);
      margins.push_back(m.margin.value_or(1.0));
      placed += error <= 2.0;
    }
    std::cout << fmt::format("| {:.0f} min | {} | {}/{} | {:.1f}% | {:.2f} | {:.3f} | {:.1f} |\n", length / 60, made, detected,
                             made, 100.0 * placed / made, median(errors), median(margins), match_ms / std::max<std::size_t>(1, detected));
  }
}

// Equal error rate from scores of positive (edited) and negative trials.
double equal_error_rate(std::vector<double> positive, std::vector<double> negative, double& at_threshold) {
  std::vector<double> thresholds = positive;
  thresholds.insert(thresholds.end(), negative.begin(), negative.end());
  std::sort(thresholds.begin(), thresholds.end());
  double best_gap = 2, eer = 1;
  for (double t : thresholds) {
    const double miss = std::count_if(positive.begin(), positive.end(), [&](double s) { return s < t; }) / double(positive.size());
    const double fa = std::count_if(negative.begin(), negative.end(), [&](double s) { return s >= t; }) / double(negative.size());
    if (std::abs(miss - fa) < best_gap) best_gap = std::abs(miss - fa), eer = 0.5 * (miss + fa), at_threshold = t;
  }
  return eer;
}

void edit_table(const std::vector<Reference>& refs, const Speech& speech, bool quick) {
  const std::size_t trials = quick ? 40 : 250;
  const double length = 60;
  std::cout << fmt::format("\n### Edit detection: {} s clips, hum at -25 dB in FSDD speech + noise; {} deletions, {} "
                           "insertions (0.5-5 s, at 15-45 s) and {} untouched clips\n\n",
                           length, trials, trials, trials);
  std::mt19937 rng(99);
  std::uniform_real_distribution<double> uni(0, 1);
  const EnfOptions options;
  std::vector<double> edited_scores, clean_scores;
  std::size_t located = 0, edited = 0, false_alarms = 0;
  double clean_seconds = 0;
  for (std::size_t t = 0; t < 3 * trials; ++t) {
    const int kind = static_cast<int>(t % 3);  // 0 deletion, 1 insertion, 2 untouched
    const Reference& r = refs[rng() % refs.size()];
    const double delta = 0.5 + 4.5 * uni(rng);
    const double at = 15 + 30 * uni(rng);
    const double from = uni(rng) * (r.signal.duration_s() - length - 12);
    const double other = uni(rng) * (r.signal.duration_s() - 6);
    if (!r.clean_between(from, from + length + delta) || !r.clean_between(other, other + delta)) {
      --t;  // the recording itself has a discontinuity here: not a controlled trial
      continue;
    }
    std::vector<float> hum;
    if (kind == 0) {
      hum = hum_segment(r, from, length + delta, static_cast<unsigned>(t));
      const auto a = static_cast<std::ptrdiff_t>(at * kRate), b = static_cast<std::ptrdiff_t>((at + delta) * kRate);
      hum.erase(hum.begin() + a, hum.begin() + b);
    } else {
      hum = hum_segment(r, from, length - delta, static_cast<unsigned>(t));
      const auto piece = hum_segment(r, other, delta, static_cast<unsigned>(t));
      if (kind == 1) hum.insert(hum.begin() + static_cast<std::ptrdiff_t>(at * kRate), piece.begin(), piece.end());
      else hum = hum_segment(r, from, length, static_cast<unsigned>(t));
    }
    const Signal mixed = td::mix(hum, speech.take(hum.size(), rng), kRate, -25.0, -30.0, static_cast<unsigned>(t));
    const EnfAnalysis a = analyze_enf(mixed, options, {});
    const double score = a.edits ? a.edits->max_score : 0.0;
    if (kind == 2) {
      clean_scores.push_back(score);
      clean_seconds += mixed.duration_s();
      if (a.edits) false_alarms += a.edits->events.size();
      continue;
    }
    edited_scores.push_back(score);
    ++edited;
    if (!a.edits) continue;
    const double end = kind == 1 ? at + delta : at;
    for (const auto& e : a.edits->events) {
      if (std::abs(e.time_s - at) <= 1.0 || std::abs(e.time_s - end) <= 1.0) {
        ++located;
        break;
      }
    }
  }
  double eer_threshold = 0;
  const double eer = equal_error_rate(edited_scores, clean_scores, eer_threshold);
  std::cout << "| measure | value |\n|---|---|\n";
  std::cout << fmt::format("| edits located within +-1 s at the default threshold ({:.0f}) | {:.1f}% ({} of {}) |\n",
                           options.edits.threshold, 100.0 * located / edited, located, edited);
  std::cout << fmt::format("| false alarms per hour on untouched clips (default threshold) | {:.1f} ({} in {:.1f} h) |\n",
                           false_alarms / (clean_seconds / 3600), false_alarms, clean_seconds / 3600);
  std::cout << fmt::format("| equal error rate, clip level (edited vs untouched, max score per clip) | {:.1f}% at score {:.1f} |\n",
                           100 * eer, eer_threshold);
}

void absent_table(const Speech& speech, bool quick) {
  std::cout << "\n### No hum: recordings made without mains hum must not be claimed\n\n";
  std::cout << "| material | recordings | ENF claimed | smallest p-value seen |\n|---|---|---|---|\n";
  const std::size_t count = quick ? 6 : 20;
  auto row = [&](const std::string& name, const std::vector<Signal>& signals) {
    std::size_t claimed = 0;
    double smallest = 1;
    for (const auto& sig : signals) {
      const EnfAnalysis a = extract_enf(sig, EnfOptions{});
      claimed += a.presence.present;
      for (const auto& t : a.tested) smallest = std::min(smallest, t.p_value);
    }
    std::cout << fmt::format("| {} | {} | {} | {:.2g} |\n", name, signals.size(), claimed, smallest);
  };
  std::vector<Signal> synthetic;
  if (prov::test::have_program("espeak-ng")) {
    const prov::test::TempDir dir;
    const std::vector<std::string> voices = {"en", "en-us", "fr", "de", "es", "ar"};
    const std::string text =
        "We speak to you today about the events of the past weeks. Our brothers have held the line in the north "
        "and the south, and the enemy has suffered losses that it hides from its people. ";
    for (std::size_t i = 0; i < count; ++i) {
      const auto path = dir / ("speech" + std::to_string(i) + ".wav");
      std::string body;
      for (int rep = 0; rep < 6; ++rep) body += text;
      const std::string cmd = "espeak-ng -v " + voices[i % voices.size()] + " -s " + std::to_string(140 + 10 * (i % 4)) +
                              " -w " + prov::test::shell_quote(path.string()) + " " + prov::test::shell_quote(body) +
                              " >/dev/null 2>&1";
      if (std::system(cmd.c_str()) == 0) synthetic.push_back(prov::media::decode_mono(path.string(), kRate));
    }
    row("synthetic speech (espeak-ng, 6 voices, ~90 s each)", synthetic);
  } else {
    std::cout << "| synthetic speech | skipped: espeak-ng not installed | | |\n";
  }
  std::vector<Signal> music;
  for (std::size_t i = 0; i < count; ++i) music.push_back(td::bass_music(kRate, 120, static_cast<unsigned>(100 + i)));
  row("music-like, strong bass incl. notes at 100/120 Hz (120 s)", music);
  std::vector<Signal> with_noise;
  std::mt19937 rng(5);
  for (std::size_t i = 0; i < count; ++i) {
    const std::vector<float> no_hum(static_cast<std::size_t>(120 * kRate), 0.0f);
    with_noise.push_back(td::mix(no_hum, speech.take(no_hum.size(), rng), kRate, -200, -30, static_cast<unsigned>(i)));
  }
  row("FSDD speech + white noise, no hum added (120 s)", with_noise);
}

}  // namespace

int main(int argc, char** argv) {
  bool quick = false;
  std::string only;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--quick")) quick = true;
    else if (!std::strncmp(argv[i], "--only=", 7)) only = argv[i] + 7;
    else {
      std::cerr << "usage: enf_accuracy_bench [--quick] [--only=estimation|timestamp|edits|absent]\n";
      return 2;
    }
  }
  const auto files = td::whu_files();
  if (files.empty() || !std::filesystem::is_directory(td::fsdd_dir())) {
    std::cerr << "SKIPPED: shared data (enf-whu-ref, fsdd) is absent under " << prov::test::shared_data_dir() << "\n";
    return 0;
  }
  const auto t0 = std::chrono::steady_clock::now();
  std::vector<Reference> refs;
  for (const auto& f : files) {
    Reference r;
    r.name = f.filename().string();
    r.signal = prov::media::decode_mono(f.string(), 0);
    r.phase = td::fundamental_phase(r.signal);
    const EnfAnalysis clean = analyze_enf(r.signal, fixed_50(), {});
    r.truth = *clean.trace;
    for (const auto& e : clean.edits->events) r.glitches.push_back(e.time_s);
    refs.push_back(std::move(r));
  }
  Speech speech;
  speech.samples = td::speech(kRate, static_cast<std::size_t>((quick ? 640 : 900) * kRate));
  std::cout << fmt::format("## ENF accuracy ({} references, {:.1f} h of mains recordings; setup {:.1f} s)\n", refs.size(),
                           std::accumulate(refs.begin(), refs.end(), 0.0,
                                           [](double s, const Reference& r) { return s + r.signal.duration_s(); }) / 3600,
                           std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  std::size_t flips = 0, flipped_files = 0;
  for (const auto& r : refs) flips += r.glitches.size(), flipped_files += !r.glitches.empty();
  std::cout << fmt::format("The clean references themselves hold {} hum phase discontinuities in {} files (found by the "
                           "edit detector; stretches around them are left out of the edit trials).\n",
                           flips, flipped_files);
  if (only.empty() || only == "estimation") estimation_table(refs, speech, quick);
  if (only.empty() || only == "timestamp") timestamp_table(refs, speech, quick);
  if (only.empty() || only == "edits") edit_table(refs, speech, quick);
  if (only.empty() || only == "absent") absent_table(speech, quick);
  return 0;
}

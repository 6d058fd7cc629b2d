#include "enf/analysis.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "core/error.h"

namespace prov::enf {
namespace {

bool better(const PresenceResult& a, const PresenceResult& b) {
  if (a.present != b.present) return a.present;
  if (a.stable_fraction != b.stable_fraction) return a.stable_fraction > b.stable_fraction;
  return a.p_value < b.p_value;
}

// A tone whose frequency does not wander beyond what the extraction's own
// noise explains is a test tone, a note or an instrument, not the grid.
bool is_constant_tone(const EnfTrace& t, const PresenceOptions& o) {
  if (t.size() < 2) return false;
  double sum = 0, sum2 = 0;
  for (double f : t.frequency_hz) sum += f, sum2 += f * f;
  const double n = static_cast<double>(t.size()), mean = sum / n;
  const double spread_mhz = 1000 * std::sqrt(std::max(0.0, sum2 / n - mean * mean));
  return spread_mhz < o.min_spread_mhz || spread_mhz < o.min_spread_over_noise * 1000 * t.noise_hz;
}

void check_options(const EnfOptions& o) {
  if (o.nominal_hz != 0 && o.nominal_hz != 50 && o.nominal_hz != 60)
    throw InputError(fmt::format("ENF: nominal frequency must be 50 or 60 Hz, not {}", o.nominal_hz));
  if (o.force_trace && o.nominal_hz == 0) throw InputError("ENF: a forced trace needs the nominal frequency (50 or 60)");
}

// Every step reads the spectrogram in time order, one tile at a time.
EnfAnalysis run(const HumSpectrogram& spectrogram, const EnfOptions& o,
                const std::vector<ReferenceSeries>* references) {
  EnfAnalysis a;
  a.duration_s = spectrogram.duration_s();
  std::optional<CombinedSpectrum> chosen;
  for (int nominal : {50, 60}) {
    if (o.nominal_hz != 0 && nominal != o.nominal_hz) continue;
    if (spectrogram.bands(nominal).empty()) continue;
    CombinedSpectrum spectrum(spectrogram, nominal);
    PresenceResult r = test_presence(spectrum, o.presence);
    const bool take = !chosen || better(r, a.presence);
    a.tested.push_back(r);
    if (take) {
      a.presence = r;
      chosen.emplace(spectrogram, nominal);
    }
  }
  if (!chosen) throw InputError("ENF: the sample rate is too low for the requested nominal frequency");
  if (!a.presence.present && a.tested.size() > 1) {
    // Neither nominal: say why for each, so no reason names only one of them.
    std::string both;
    for (const auto& t : a.tested) both += fmt::format("{}{} Hz: {}", both.empty() ? "" : "; ", t.nominal_hz, t.reason);
    a.presence.reason = both;
  }
  if (!a.presence.present && !o.force_trace) return a;
  a.trace = extract_trace(*chosen, o.tracking);
  a.edits = detect_discontinuities(*chosen, *a.trace, o.edits);
  // Hum is continuous: a few breaks are edits, many are notes or voices that
  // come and go with a fresh phase each time.
  const double minutes = std::max(a.duration_s / 60.0, 0.5);
  const double breaks_per_minute = static_cast<double>(a.edits->events.size()) / minutes;
  if (a.presence.present && breaks_per_minute > o.presence.max_breaks_per_minute) {
    a.presence.present = false;
    a.presence.reason = fmt::format(
        "narrow-band energy at {} Hz is stable but not continuous ({:.1f} phase breaks per minute): a note or voice, "
        "not mains hum",
        a.presence.nominal_hz, breaks_per_minute);
    for (auto& t : a.tested)
      if (t.nominal_hz == a.presence.nominal_hz) t = a.presence;
    if (!o.force_trace) {
      a.trace.reset();
      a.edits.reset();
      return a;
    }
  }
  if (a.presence.present && is_constant_tone(*a.trace, o.presence)) {
    const nlohmann::json summary = trace_summary(*a.trace);
    a.presence.present = false;
    a.presence.reason = fmt::format(
        "a steady tone at {:.4f} Hz, not mains hum: its frequency varies by only {:.1f} mHz RMS (extraction noise "
        "{:.1f} mHz), while grid frequency wanders (9-25 mHz RMS in real references)",
        summary["mean_hz"].get<double>(), summary["std_mhz"].get<double>(), 1000 * a.trace->noise_hz);
    for (auto& t : a.tested)
      if (t.nominal_hz == a.presence.nominal_hz) t = a.presence;
    if (!o.force_trace) {
      a.trace.reset();
      a.edits.reset();
      return a;
    }
  }
  if (!references) return a;
  for (const auto& ref : *references) {
    if (std::abs(ref.nominal_hz - a.trace->nominal_hz) > 1.0) continue;
    a.matches.push_back({ref.grid, match_trace(*a.trace, ref, o.match)});
  }
  return a;
}

std::string utc_text(double unix_s) {
  const auto whole = static_cast<std::time_t>(std::floor(unix_s));
  std::tm tm{};
  gmtime_r(&whole, &tm);
  return fmt::format("{:04}-{:02}-{:02} {:02}:{:02}:{:04.1f} UTC", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                     tm.tm_hour, tm.tm_min, tm.tm_sec + (unix_s - std::floor(unix_s)));
}

}  // namespace

EnfAnalysis extract_enf(const Signal& signal, const EnfOptions& options) {
  check_options(options);
  return run(HumSpectrogram::compute(signal, options.spectrogram), options, nullptr);
}

EnfAnalysis analyze_enf(const Signal& signal, const EnfOptions& options,
                        const std::vector<ReferenceSeries>& references) {
  check_options(options);
  return run(HumSpectrogram::compute(signal, options.spectrogram), options, &references);
}

EnfAnalysis analyze_enf(const SampleSource& hum_band, const EnfOptions& options,
                        const std::vector<ReferenceSeries>& references) {
  check_options(options);
  return run(HumSpectrogram::compute(hum_band, options.spectrogram), options, &references);
}

nlohmann::json match_json(const MatchResult& m) {
  nlohmann::json candidates = nlohmann::json::array();
  for (const auto& c : m.candidates)
    candidates.push_back({{"clip_start_utc", c.clip_start_utc},
                          {"clip_start", utc_text(c.clip_start_utc)},
                          {"rmse_mhz", c.rmse_mhz},
                          {"correlation", c.correlation},
                          {"offset_mhz", c.offset_mhz},
                          {"coverage", c.coverage}});
  const auto& fp = m.false_placement;
  nlohmann::json out = {
      {"verdict", verdict_name(m.verdict)},
      {"verdict_reason", m.candidates.empty() ? m.note : m.verdict_reason},
      {"margin", m.margin ? nlohmann::json(*m.margin) : nlohmann::json(nullptr)},
      {"required_margin", m.required_margin},
      {"noise_mhz", m.noise_mhz},
      {"noise_ratio", m.noise_ratio},
      {"false_placement", {{"clip_length_s", fp.clip_length_s},
                           {"uncovered_trials", fp.trials},
                           {"wrongly_placed", fp.placed},
                           {"rate", fp.trials ? static_cast<double>(fp.placed) / static_cast<double>(fp.trials) : 1.0},
                           {"upper_95", fp.upper_95},
                           {"measured_on", "clips from times the reference does not cover, ENF-WHU measuring half "
                                           "(bench/enf_verdict_bench)"}}},
      {"lags_searched", m.lags_searched},
      {"candidates", candidates}};
  if (!m.note.empty()) out["note"] = m.note;
  return out;
}

nlohmann::json edit_scan_json(const EditScan& scan, const EditOptions& o) {
  std::vector<double> per_second;
  for (std::size_t i = 0; i < scan.time_s.size(); ++i) {
    const auto second = static_cast<std::size_t>(std::max(0.0, std::floor(scan.time_s[i])));
    if (per_second.size() <= second) per_second.resize(second + 1, 0.0);
    per_second[second] = std::max(per_second[second], std::round(scan.score[i] * 100) / 100);
  }
  nlohmann::json events = nlohmann::json::array();
  for (const auto& e : scan.events)
    events.push_back({{"time_s", e.time_s},
                      {"phase_step_deg", e.phase_step_rad * 180 / 3.141592653589793},
                      {"frequency_step_mhz", 1000 * e.frequency_step_hz},
                      {"score", e.score}});
  return {{"harmonic", scan.harmonic},
          {"threshold", o.threshold},
          {"min_step_deg", o.min_step_deg},
          {"max_score", scan.max_score},
          {"score_per_s", per_second},
          {"score_per_s_note", fmt::format("largest discontinuity score in each second; entry i covers [i, i + 1) s "
                                           "of the recording; the scan starts and ends {:.1f} s from the ends (0 there)",
                                           o.fit_s + o.guard_s)},
          {"events", events}};
}

nlohmann::json trace_summary(const EnfTrace& t) {
  double sum = 0, sum2 = 0, lo = 1e9, hi = -1e9;
  std::size_t confident = 0;
  for (std::size_t i = 0; i < t.size(); ++i) {
    const double f = t.frequency_hz[i];
    sum += f, sum2 += f * f, lo = std::min(lo, f), hi = std::max(hi, f);
    confident += t.confidence[i] >= 0.5;
  }
  const double n = std::max<double>(1.0, static_cast<double>(t.size()));
  const double mean = sum / n;
  return {{"values", t.size()},
          {"step_s", t.step_s},
          {"first_value_at_s", t.start_s},
          {"window_s", t.window_s},
          {"stamped_at", "window centres: value i describes the window centred at first_value_at_s + i * step_s"},
          {"noise_mhz", 1000.0 * t.noise_hz},
          {"mean_hz", mean},
          {"std_mhz", 1000.0 * std::sqrt(std::max(0.0, sum2 / n - mean * mean))},
          {"min_hz", t.size() ? lo : 0.0},
          {"max_hz", t.size() ? hi : 0.0},
          {"confident_share", static_cast<double>(confident) / n},
          {"harmonics", t.harmonics}};
}

Findings enf_findings(const EnfAnalysis& a, const EnfOptions& o) {
  Findings out;
  const auto& p = a.presence;
  nlohmann::json tested = nlohmann::json::array();
  for (const auto& r : a.tested) {
    nlohmann::json harmonics = nlohmann::json::array();
    for (const auto& h : r.harmonics)
      harmonics.push_back({{"harmonic", h.harmonic},
                           {"median_snr_db", h.median_snr_db},
                           {"agreement", h.agreement},
                           {"carries_hum", h.carries_hum}});
    tested.push_back({{"nominal_hz", r.nominal_hz},
                      {"present", r.present},
                      {"stable_pairs", r.stable_pairs},
                      {"pairs", r.pairs},
                      {"p_value", r.p_value},
                      {"null_pair_probability", r.null_pair_probability},
                      {"harmonics", harmonics},
                      {"reason", r.reason}});
  }
  Finding presence;
  presence.kind = p.present ? "enf" : "note";  // no hum is information, not a claim to confirm
  presence.detector = "enf.presence";
  presence.start_s = 0;
  presence.end_s = a.duration_s;
  presence.strength = p.present ? std::clamp(p.stable_fraction, 0.0, 1.0) : 0.0;
  presence.summary = p.present ? fmt::format("Mains hum (ENF) present: {}", p.reason)
                               : fmt::format("No usable mains hum (ENF): {}", p.reason);
  presence.method =
      "Narrow-band stability test on the SNR-weighted harmonic spectrum in disjoint pairs of half-overlapping "
      "windows (binomial tail under a uniform-peak null), plus agreement between harmonics";
  presence.parameters = {{"false_alarm_rate", o.presence.false_alarm_rate},
                         {"stability_hz", o.presence.stability_hz},
                         {"agreement_hz", o.presence.agreement_hz},
                         {"window_s", o.spectrogram.window_s},
                         {"max_deviation_hz", o.spectrogram.max_deviation_hz}};
  presence.evidence = {{"tested", tested}};
  if (a.trace) presence.evidence["trace"] = trace_summary(*a.trace);
  out.push_back(presence);

  for (const auto& gm : a.matches) {
    const auto& m = gm.result;
    const std::string method =
        "Offset-free RMSE of the 1 s ENF trace at every position of the reference (FFT overlap-save, gaps masked); "
        "the best position is tested against the best of all other positions (margin = runner-up RMSE / best RMSE) "
        "and against the trace's own extraction noise";
    const nlohmann::json parameters = {{"grid", gm.grid},
                                       {"min_coverage", o.match.min_coverage},
                                       {"required_margin", m.required_margin},
                                       {"max_noise_ratio", o.match.verdict.max_noise_ratio},
                                       {"no_match_noise_ratio", o.match.verdict.no_match_noise_ratio},
                                       {"trim_share", o.match.trim_share},
                                       {"no_match_margin", o.match.verdict.no_match_margin}};
    if (m.verdict == Verdict::no_match) {
      Finding f;
      f.kind = "enf";
      f.detector = "enf.match";
      f.start_s = 0;
      f.end_s = a.duration_s;
      f.strength = 0.0;
      f.summary = fmt::format("ENF does not match grid '{}': {}", gm.grid,
                              m.candidates.empty() ? m.note : m.verdict_reason);
      f.method = method;
      f.parameters = parameters;
      f.evidence = match_json(m);
      out.push_back(f);
      continue;
    }
    // Placed: the best position alone. Ambiguous: the three best, all weak.
    const bool placed = m.verdict == Verdict::placed;
    for (std::size_t i = 0; i < m.candidates.size() && i < (placed ? 1u : 3u); ++i) {
      const auto& c = m.candidates[i];
      Finding f;
      f.kind = "date_window";
      f.detector = "enf.match";
      f.start_s = 0;
      f.end_s = a.duration_s;
      if (placed) {
        const double excess = m.margin ? (*m.margin - m.required_margin) / m.required_margin : 0.0;
        f.strength = std::min(0.6 + 0.35 * std::clamp(excess, 0.0, 1.0), 1.0 - m.false_placement.upper_95);
      } else {
        f.strength = 0.2 / static_cast<double>(i + 1);
      }
      const double uncertainty_s = 2.0;
      f.summary = fmt::format("ENF {} grid '{}' with the recording starting at {} ({}rank {}, RMSE {:.1f} mHz, "
                              "margin {})",
                              placed ? "places the recording on" : "is ambiguous on", gm.grid,
                              utc_text(c.clip_start_utc), placed ? "" : "candidate, ", i + 1, c.rmse_mhz,
                              m.margin ? fmt::format("{:.2f}", *m.margin) : std::string("none"));
      f.method = method;
      f.parameters = parameters;
      f.parameters["rank"] = i + 1;
      f.evidence = match_json(m);
      f.evidence.erase("candidates");
      f.evidence.update({{"earliest_utc", c.clip_start_utc - uncertainty_s},
                         {"latest_utc", c.clip_start_utc + uncertainty_s},
                         {"earliest", utc_text(c.clip_start_utc - uncertainty_s)},
                         {"latest", utc_text(c.clip_start_utc + uncertainty_s)},
                         {"clip_start_utc", c.clip_start_utc},
                         {"correlation", c.correlation},
                         {"rmse_mhz", c.rmse_mhz},
                         {"offset_mhz", c.offset_mhz},
                         {"coverage", c.coverage}});
      out.push_back(f);
    }
  }

  if (a.edits) {
    for (const auto& e : a.edits->events) {
      Finding f;
      f.kind = "edit";
      f.detector = "enf.phase_discontinuity";
      f.start_s = std::max(0.0, e.time_s - o.edits.guard_s);
      f.end_s = e.time_s + o.edits.guard_s;
      f.strength = std::clamp((e.score - o.edits.threshold) / (2 * o.edits.threshold) + 0.5, 0.0, 1.0);
      f.summary = fmt::format("Mains hum phase jumps by {:.0f} degrees at {:.2f} s (score {:.1f}): a possible "
                              "deletion, insertion or splice",
                              e.phase_step_rad * 180 / 3.141592653589793, e.time_s, e.score);
      f.method = "Residual hum phase (demodulated with the tracked ENF) compared by line fits either side";
      f.parameters = {{"harmonic", a.edits->harmonic},
                      {"fit_s", o.edits.fit_s},
                      {"guard_s", o.edits.guard_s},
                      {"threshold", o.edits.threshold}};
      f.evidence = {{"time_s", e.time_s},
                    {"phase_step_rad", e.phase_step_rad},
                    {"frequency_step_mhz", 1000 * e.frequency_step_hz},
                    {"score", e.score}};
      // Measured with bench/enf_verdict_bench --set=measuring --only=long at
      // the default threshold: four untouched 60-min recordings of real
      // mains hum under read speech (LibriSpeech), 85 false edits in 4 h.
      if (o.edits.threshold == EditOptions{}.threshold) {
        f.evidence["false_alarms_per_hour"] = 21.25;
        f.evidence["false_alarm_measurement"] = {
            {"false_edits", 85},
            {"hours", 4.0},
            {"measured_on", "untouched 60-min recordings: ENF-WHU references (even files) under LibriSpeech read "
                            "speech, bench/enf_verdict_bench --set=measuring --only=long"}};
        f.summary += " (about 21 false edits per hour on untouched recordings with speech)";
      }
      out.push_back(f);
    }
  }
  return out;
}

}  // namespace prov::enf

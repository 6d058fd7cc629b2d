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

EnfAnalysis run(const Signal& signal, const EnfOptions& o, const std::vector<ReferenceSeries>* references) {
  if (o.nominal_hz != 0 && o.nominal_hz != 50 && o.nominal_hz != 60)
    throw InputError(fmt::format("ENF: nominal frequency must be 50 or 60 Hz, not {}", o.nominal_hz));
  if (o.force_trace && o.nominal_hz == 0) throw InputError("ENF: a forced trace needs the nominal frequency (50 or 60)");
  EnfAnalysis a;
  a.duration_s = signal.duration_s();
  const HumSpectrogram spectrogram = HumSpectrogram::compute(signal, o.spectrogram);
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

EnfAnalysis extract_enf(const Signal& signal, const EnfOptions& options) { return run(signal, options, nullptr); }

EnfAnalysis analyze_enf(const Signal& signal, const EnfOptions& options,
                        const std::vector<ReferenceSeries>& references) {
  return run(signal, options, &references);
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
  presence.kind = "enf";
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
    for (std::size_t i = 0; i < m.candidates.size() && i < 3; ++i) {
      const auto& c = m.candidates[i];
      if (c.correlation < 0.5) continue;
      Finding f;
      f.kind = "date_window";
      f.detector = "enf.match";
      f.start_s = 0;
      f.end_s = a.duration_s;
      // Strength: correlation, discounted when the runner-up is close.
      const double margin = i == 0 ? std::clamp(m.correlation_margin / 0.2, 0.0, 1.0) : 0.0;
      f.strength = std::clamp(c.correlation, 0.0, 1.0) * (i == 0 ? 0.5 + 0.5 * margin : 0.3);
      const double uncertainty_s = 2.0;
      f.summary = fmt::format("ENF matches grid '{}' with the recording starting at {} (rank {}, r = {:.3f}, "
                              "RMSE {:.1f} mHz{})",
                              gm.grid, utc_text(c.clip_start_utc), i + 1, c.correlation, c.rmse_mhz,
                              i == 0 ? fmt::format(", margin {:.3f}", m.correlation_margin) : "");
      f.method = "Masked normalised cross-correlation of the 1 s ENF trace over the reference (FFT overlap-save), "
                 "best peaks re-ranked by offset-free mean squared error";
      f.parameters = {{"grid", gm.grid}, {"min_coverage", o.match.min_coverage}, {"rank", i + 1}};
      f.evidence = {{"earliest_utc", c.clip_start_utc - uncertainty_s},
                    {"latest_utc", c.clip_start_utc + uncertainty_s},
                    {"earliest", utc_text(c.clip_start_utc - uncertainty_s)},
                    {"latest", utc_text(c.clip_start_utc + uncertainty_s)},
                    {"clip_start_utc", c.clip_start_utc},
                    {"correlation", c.correlation},
                    {"rmse_mhz", c.rmse_mhz},
                    {"offset_mhz", c.offset_mhz},
                    {"coverage", c.coverage},
                    {"correlation_margin", m.correlation_margin},
                    {"rmse_ratio", m.rmse_ratio},
                    {"lags_searched", m.lags_searched}};
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
      out.push_back(f);
    }
  }
  return out;
}

}  // namespace prov::enf

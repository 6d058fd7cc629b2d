#include "integrity/false_alarm_rates.h"

#include <array>
#include <cmath>
#include <fmt/format.h>

namespace prov::integrity {
namespace {

// From the output of (see bench/README.md, "Integrity: false alarms and
// labelled edits"), measured 2026-12-02:
//   nice -n 10 ./build/bench/integrity_false_alarm_bench --split measuring --cxx
// Counts include the notes digital_silence gives for habitual zeros (strength 0.2).
// Real unedited speech of four corpora, lossless and after MP3 64k, AAC 96k
// and a 44.1 kHz resample; counts of findings at or above each strength.
// The long recordings join separate source files; an edit finding within 1 s
// of such a join marks a real splice of two takes and is not counted, and the
// hours of the edit detectors are those farther than 1 s from every join
// (0.572 h of the 1.051 h per encoding; 2.287 h of 4.205 h in all). Clipping and DC offset claim no edit
// and are counted over all the hours.
constexpr std::array<double, 7> kStrengths{0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0};
struct Row {
  const char* detector;
  double hours;  // unedited speech scanned, all encodings
  std::array<int, kStrengths.size()> at_least;
};
constexpr Row kRows[] = {
    {"integrity.digital_silence", 2.287, {8, 4, 4, 4, 4, 0, 0}},
    {"integrity.level_jump", 2.287, {9, 9, 5, 1, 0, 0, 0}},
    {"integrity.noise_floor_change", 2.287, {0, 0, 0, 0, 0, 0, 0}},
    {"integrity.bandwidth_change", 2.287, {3, 3, 3, 3, 3, 3, 0}},
    {"integrity.dc_step", 2.287, {0, 0, 0, 0, 0, 0, 0}},
    {"integrity.clipping", 4.205, {16, 7, 6, 6, 6, 4, 4}},
    {"integrity.dc_offset", 4.205, {16, 8, 4, 4, 4, 4, 4}},
};

}  // namespace

double FalseAlarmRate::upper_per_hour() const {
  if (hours <= 0) return INFINITY;
  if (findings == 0) return 3.0 / hours;  // the rule of three
  // Wilson-Hilferty's cube-root approximation of the Poisson bound (within 1%).
  const double m = findings + 1.0;
  const double c = 1.0 - 1.0 / (9.0 * m) + 1.645 / (3.0 * std::sqrt(m));
  return m * c * c * c / hours;
}

std::optional<FalseAlarmRate> measured_false_alarm_rate(const std::string& detector, double strength) {
  for (const Row& row : kRows) {
    if (detector != row.detector || row.hours <= 0) continue;
    std::size_t k = 0;
    while (k + 1 < kStrengths.size() && strength >= kStrengths[k + 1] - 1e-9) ++k;
    return FalseAlarmRate{kStrengths[k], row.at_least[k], row.hours};
  }
  return std::nullopt;
}

void attach_false_alarm_rate(Finding& f) {
  const auto rate = measured_false_alarm_rate(f.detector, f.strength);
  if (!rate) return;
  f.evidence["false_alarms_per_hour"] = rate->per_hour();
  f.evidence["false_alarms_per_hour_upper_95"] = rate->upper_per_hour();
  f.evidence["false_alarm_measurement"] = {{"strength_at_least", rate->strength_at_least},
                                           {"false_findings", rate->findings},
                                           {"hours_of_unedited_speech", rate->hours}};
  const char* where = f.kind == "edit" ? "within single takes of unedited speech" : "on unedited speech";
  f.evidence["false_alarm_measurement"]["within_takes"] = f.kind == "edit";
  f.summary += fmt::format(" [{} this detector gave {} such finding{} in {:.1f} h at strength >= {:.1f}: "
                           "{:.2f} per hour, under {:.2f} at 95%]",
                           where, rate->findings, rate->findings == 1 ? "" : "s", rate->hours, rate->strength_at_least,
                           rate->per_hour(), rate->upper_per_hour());
}

}  // namespace prov::integrity

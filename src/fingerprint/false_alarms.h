#pragma once
#include <string>

namespace prov::fingerprint {

// How often a segment match of at least this significance (SegmentMatch::
// significance) is a false alarm: matches per hour of query audio that
// reuses nothing, measured on unarchived real speech (bench/README.md,
// "Recycled audio in long recordings", measuring set) against an archive of
// the real speech of four corpora (0.93 h) and the same padded to 1,000 h
// with modelled hours. Between the two sizes the rate is interpolated in
// log hours; beyond them the nearest size's rate is scaled in proportion
// to the archive's hours (chance grows with the archive).
struct FalseAlarmRate {
  double per_hour = 0;     // false alarms per hour of query at this significance or above
  bool upper_bound = false;  // none were seen: per_hour is the 95% upper bound from the hours measured
};
FalseAlarmRate false_alarm_rate(double significance, double archive_hours);

// One line for a report: "< 0.03 per hour" or "0.4 per hour".
std::string describe(const FalseAlarmRate& rate);

// The significance thresholds behind `archive match --sensitivity`.
double significance_for_sensitivity(const std::string& level);  // "low", "normal", "high"; throws otherwise

}  // namespace prov::fingerprint

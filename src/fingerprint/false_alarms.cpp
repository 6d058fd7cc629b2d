#include "fingerprint/false_alarms.h"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <iterator>
#include <stdexcept>

namespace prov::fingerprint {
namespace {

// Measured false alarms, per hour of unarchived real speech, at or above each
// significance (bench/README.md, fingerprint_longquery_bench, measuring set;
// the tuning set chose the thresholds). A count of 0 is stored as the 95%
// upper bound, 3 / hours measured, and flagged.
struct Row {
  double significance;
  double small_per_hour;  // 1.7 h archive of real speech
  bool small_bound;
  double large_per_hour;  // the same with modelled hours, 1,000 h
  bool large_bound;
};
constexpr double kSmallHours = 1.7, kLargeHours = 1000;
constexpr Row kRows[] = {
    {6, 1.0, false, 1.0, false},
    {8, 1.0, false, 1.0, false},
    {10, 1.0, false, 1.0, false},
    {12, 1.0, false, 1.0, false},
    {16, 1.0, false, 1.0, false},
};

}  // namespace

FalseAlarmRate false_alarm_rate(double significance, double archive_hours) {
  // The last row at or below the significance (a match at 13 counts as one at 12).
  const Row* row = nullptr;
  for (const Row& r : kRows)
    if (r.significance <= significance) row = &r;
  if (!row) row = &kRows[0];
  const double h = std::max(archive_hours, 1e-3);
  FalseAlarmRate out;
  if (h <= kSmallHours) {
    out = {row->small_per_hour, row->small_bound};
  } else if (h >= kLargeHours) {
    out = {row->large_per_hour * h / kLargeHours, row->large_bound};
  } else {
    const double f = std::log(h / kSmallHours) / std::log(kLargeHours / kSmallHours);
    out = {std::exp((1 - f) * std::log(row->small_per_hour) + f * std::log(row->large_per_hour)),
           row->small_bound && row->large_bound};
  }
  return out;
}

std::string describe(const FalseAlarmRate& rate) {
  return fmt::format("{}{:.2g} per hour", rate.upper_bound ? "< " : "", rate.per_hour);
}

double significance_for_sensitivity(const std::string& level) {
  if (level == "low") return 16;
  if (level == "normal") return 12;
  if (level == "high") return 8;
  throw std::invalid_argument("sensitivity is low, normal or high, not \"" + level + "\"");
}

}  // namespace prov::fingerprint

#include "fingerprint/false_alarms.h"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <iterator>
#include <stdexcept>

namespace prov::fingerprint {
namespace {

// Measured false alarms on unarchived real speech at or above each
// significance (bench/README.md, fingerprint_longquery_bench, measuring set,
// 2026-12-02): two 46-minute queries (MP3 64k; noise 10 dB + MP3 64k) outside
// their planted segments, and the unarchived speech alone, clean and as MP3.
// None were seen at any threshold from 4 up, so every rate is the 95% upper
// bound 3 / hours measured.
struct Row {
  double significance;
  int small_count;  // archive of real speech, 0.93 h
  double small_hours;
  int large_count;  // the same padded with modelled hours to 1,000 h
  double large_hours;
};
constexpr double kSmallHours = 0.93, kLargeHours = 1000;
constexpr Row kRows[] = {
    {4, 0, 1.58, 0, 1.58},
    {8, 0, 1.58, 0, 1.58},
    {12, 0, 1.58, 0, 1.58},
    {16, 0, 1.58, 0, 1.58},
};

FalseAlarmRate rate_of(int count, double hours) {
  return count > 0 ? FalseAlarmRate{count / hours, false} : FalseAlarmRate{3.0 / hours, true};
}

}  // namespace

FalseAlarmRate false_alarm_rate(double significance, double archive_hours) {
  // The last row at or below the significance (a match at 13 counts as one at 12).
  const Row* row = nullptr;
  for (const Row& r : kRows)
    if (r.significance <= significance) row = &r;
  if (!row) row = &kRows[0];
  const double h = std::max(archive_hours, 1e-3);
  const FalseAlarmRate small = rate_of(row->small_count, row->small_hours);
  const FalseAlarmRate large = rate_of(row->large_count, row->large_hours);
  FalseAlarmRate out;
  if (h <= kSmallHours) {
    out = small;
  } else if (h >= kLargeHours) {
    out = {large.per_hour * h / kLargeHours, large.upper_bound};
  } else {
    const double f = std::log(h / kSmallHours) / std::log(kLargeHours / kSmallHours);
    out = {std::exp((1 - f) * std::log(small.per_hour) + f * std::log(large.per_hour)),
           small.upper_bound && large.upper_bound};
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

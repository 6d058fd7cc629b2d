#pragma once
#include <optional>
#include <string>

#include "core/finding.h"

namespace prov::integrity {

// How often a detector fired on real unedited speech at or above a strength:
// the measuring set of bench/README.md ("Integrity: false alarms"), never used
// to tune the scan, in four encodings. For edit detectors, only findings within
// single takes count (not those at joins of two source files), over the hours
// within takes.
struct FalseAlarmRate {
  double strength_at_least = 0.0;  // the table row the finding's strength falls in
  int findings = 0;                // false findings at or above it
  double hours = 0.0;              // unedited speech scanned (within takes, for edit detectors)
  double per_hour() const { return hours > 0 ? findings / hours : 0.0; }
  // One-sided 95% upper bound of the rate (Poisson).
  double upper_per_hour() const;
};

// The measured rate for `detector` at `strength`; none for a detector not measured.
std::optional<FalseAlarmRate> measured_false_alarm_rate(const std::string& detector, double strength);

// Adds the measured rate to the finding's evidence and one sentence to its summary.
void attach_false_alarm_rate(Finding& finding);

}  // namespace prov::integrity

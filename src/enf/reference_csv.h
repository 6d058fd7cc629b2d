#pragma once
#include <string>
#include <vector>

#include "enf/reference.h"

namespace prov::enf {

// Reads a grid-frequency CSV as grid operators publish it: one row per
// measurement with a UTC time and a frequency in Hz, comma, semicolon or tab
// separated, an optional header row. Times may be ISO 8601
// ("2024-03-01 12:00:00", "2024-03-01T12:00:00.200Z") or Unix seconds.
// `time_column` / `frequency_column` are 0-based. Throws InputError naming the
// file and line on anything it cannot read.
std::vector<FrequencySample> read_frequency_csv(const std::string& path, int time_column = 0, int frequency_column = 1);

// Parses one UTC time as above; false when it is not one.
bool parse_utc(const std::string& text, double& unix_seconds);

// Parses a time a user typed on the command line: Unix seconds, a plain date
// (YYYY-MM-DD, the UTC day; `date_only` is set), or a date and time with its
// zone (Z, UTC, +03:00). A date and time without a zone is refused rather than
// silently taken as UTC. Returns an empty string on success, else why not.
std::string parse_user_time(const std::string& text, double& unix_seconds, bool& date_only);

}  // namespace prov::enf

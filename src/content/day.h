#pragma once
#include <optional>
#include <string>

namespace prov::content {

// A calendar day as days since 1970-01-01 (UTC). Dating from content works at
// day resolution: the events it leans on are rarely known more precisely.
using Day = int;

Day day_from_civil(int year, unsigned month, unsigned day);
std::string day_to_iso(Day day);  // YYYY-MM-DD
double day_to_unix_seconds(Day day);

// An inclusive range of days a fact is known to fall in.
struct DayRange {
  Day earliest = 0;
  Day latest = 0;
};

// Parses YYYY, YYYY-MM or YYYY-MM-DD into the range of days it covers.
// Returns nullopt when the text is not such a date.
std::optional<DayRange> parse_iso_range(const std::string& text);

}  // namespace prov::content

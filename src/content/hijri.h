#pragma once
#include <vector>

#include "content/day.h"
#include "content/timeline.h"

namespace prov::content {

// Hijri dates are observed differently from place to place (sighting versus
// Umm al-Qura tables), so a Hijri date is converted with ICU's
// islamic-umalqura and islamic-civil calendars, the union taken and widened.
constexpr int kHijriWidenDays = 2;

// The Gregorian days a Hijri date may fall on. month 0 = the whole year,
// day 0 = the whole month. Returns nullopt for dates ICU cannot convert.
std::optional<DayRange> hijri_to_days(int year, int month, int day, int widen = kHijriWidenDays);

// The Hijri year (umalqura) containing a Gregorian day.
int hijri_year_of(Day day);

// Every occurrence of a recurring Hijri span that overlaps `window`,
// widened, in ascending order.
std::vector<DayRange> hijri_occurrences(const HijriSpan& span, DayRange window,
                                        int widen = kHijriWidenDays);

}  // namespace prov::content

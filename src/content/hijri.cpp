#include "content/hijri.h"

#include <unicode/calendar.h>
#include <unicode/locid.h>
#include <unicode/timezone.h>

#include <algorithm>
#include <cmath>
#include <memory>

namespace prov::content {
namespace {

constexpr double kMsPerDay = 86400000.0;

std::unique_ptr<icu::Calendar> make_calendar(const char* locale) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::Calendar> cal(
      icu::Calendar::createInstance(icu::TimeZone::getGMT()->clone(), icu::Locale(locale), status));
  if (U_FAILURE(status)) return nullptr;
  return cal;
}

// First day (Gregorian) of Hijri year/month/day in one calendar; months may
// overflow (month 13 = Muharram of the next year).
std::optional<Day> first_day(icu::Calendar& cal, int year, int month, int day) {
  UErrorCode status = U_ZERO_ERROR;
  cal.clear();
  cal.set(UCAL_EXTENDED_YEAR, year + (month - 1) / 12);
  cal.set(UCAL_MONTH, (month - 1) % 12);
  cal.set(UCAL_DATE, day);
  const UDate ms = cal.getTime(status);
  if (U_FAILURE(status)) return std::nullopt;
  return static_cast<Day>(std::floor(ms / kMsPerDay));
}

std::optional<DayRange> convert(icu::Calendar& cal, int year, int month, int day) {
  if (month == 0) {
    auto a = first_day(cal, year, 1, 1);
    auto b = first_day(cal, year + 1, 1, 1);
    if (!a || !b) return std::nullopt;
    return DayRange{*a, *b - 1};
  }
  if (day == 0) {
    auto a = first_day(cal, year, month, 1);
    auto b = first_day(cal, year, month + 1, 1);
    if (!a || !b) return std::nullopt;
    return DayRange{*a, *b - 1};
  }
  auto a = first_day(cal, year, month, day);
  if (!a) return std::nullopt;
  return DayRange{*a, *a};
}

struct Calendars {
  std::unique_ptr<icu::Calendar> umalqura = make_calendar("en@calendar=islamic-umalqura");
  std::unique_ptr<icu::Calendar> civil = make_calendar("en@calendar=islamic-civil");
};

Calendars& calendars() {
  thread_local Calendars c;
  return c;
}

}  // namespace

std::optional<DayRange> hijri_to_days(int year, int month, int day, int widen) {
  if (year < 1 || year > 2000 || month < 0 || month > 12 || day < 0 || day > 30) return std::nullopt;
  auto& c = calendars();
  std::optional<DayRange> out;
  for (auto* cal : {c.umalqura.get(), c.civil.get()}) {
    if (!cal) continue;
    const auto r = convert(*cal, year, month, day);
    if (!r) continue;
    if (!out) {
      out = r;
    } else {
      out->earliest = std::min(out->earliest, r->earliest);
      out->latest = std::max(out->latest, r->latest);
    }
  }
  if (out) {
    out->earliest -= widen;
    out->latest += widen;
  }
  return out;
}

int hijri_year_of(Day day) {
  auto& c = calendars();
  if (!c.umalqura) return 0;
  UErrorCode status = U_ZERO_ERROR;
  c.umalqura->clear();
  c.umalqura->setTime(static_cast<UDate>(day) * kMsPerDay, status);
  const int year = c.umalqura->get(UCAL_EXTENDED_YEAR, status);
  return U_FAILURE(status) ? 0 : year;
}

std::vector<DayRange> hijri_occurrences(const HijriSpan& span, DayRange window, int widen) {
  std::vector<DayRange> out;
  const int first_year = hijri_year_of(window.earliest) - 1;
  const int last_year = hijri_year_of(window.latest) + 1;
  for (int year = first_year; year <= last_year; ++year) {
    const auto a = hijri_to_days(year, span.month, span.from_day, 0);
    // The last day of the span: clamp day 30 to the month's actual end.
    const auto month = hijri_to_days(year, span.month, 0, 0);
    if (!a || !month) continue;
    auto b = span.to_day >= 29 ? month : hijri_to_days(year, span.month, span.to_day, 0);
    if (!b) continue;
    const DayRange occurrence{a->earliest - widen, b->latest + widen};
    if (occurrence.latest < window.earliest || occurrence.earliest > window.latest) continue;
    out.push_back(occurrence);
  }
  return out;
}

}  // namespace prov::content

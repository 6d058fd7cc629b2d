#include "content/day.h"

#include <chrono>
#include <fmt/format.h>
#include <regex>

namespace prov::content {

using namespace std::chrono;

Day day_from_civil(int year, unsigned month, unsigned day) {
  const sys_days days{std::chrono::year{year} / std::chrono::month{month} / std::chrono::day{day}};
  return static_cast<Day>(days.time_since_epoch().count());
}

std::string day_to_iso(Day value) {
  const year_month_day ymd{sys_days{days{value}}};
  return fmt::format("{:04d}-{:02d}-{:02d}", static_cast<int>(ymd.year()),
                     static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
}

double day_to_unix_seconds(Day value) { return static_cast<double>(value) * 86400.0; }

std::optional<DayRange> parse_iso_range(const std::string& text) {
  static const std::regex pattern(R"(^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$)");
  std::smatch m;
  if (!std::regex_match(text, m, pattern)) return std::nullopt;
  const int y = std::stoi(m[1].str());
  if (!m[2].matched) return DayRange{day_from_civil(y, 1, 1), day_from_civil(y, 12, 31)};
  const unsigned mo = static_cast<unsigned>(std::stoi(m[2].str()));
  if (mo < 1 || mo > 12) return std::nullopt;
  const year_month_day_last last{std::chrono::year{y} / std::chrono::month{mo} / std::chrono::last};
  if (!m[3].matched) {
    return DayRange{day_from_civil(y, mo, 1), day_from_civil(y, mo, static_cast<unsigned>(last.day()))};
  }
  const unsigned d = static_cast<unsigned>(std::stoi(m[3].str()));
  if (d < 1 || d > static_cast<unsigned>(last.day())) return std::nullopt;
  const Day day = day_from_civil(y, mo, d);
  return DayRange{day, day};
}

}  // namespace prov::content

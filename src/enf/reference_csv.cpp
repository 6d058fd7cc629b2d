#include "enf/reference_csv.h"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <ctime>
#include <fstream>
#include <sstream>

#include "core/error.h"

namespace prov::enf {
namespace {

std::string trim(const std::string& s) {
  const auto a = s.find_first_not_of(" \t\r\n\"'");
  if (a == std::string::npos) return {};
  const auto b = s.find_last_not_of(" \t\r\n\"'");
  return s.substr(a, b - a + 1);
}

bool parse_number(const std::string& text, double& value) {
  const std::string t = trim(text);
  if (t.empty()) return false;
  const char* end = t.data() + t.size();
  const auto [ptr, ec] = std::from_chars(t.data(), end, value);
  return ec == std::errc() && ptr == end && std::isfinite(value);
}

char detect_separator(const std::string& line) {
  for (char c : {'\t', ';', ','})
    if (line.find(c) != std::string::npos) return c;
  return ',';
}

std::vector<std::string> split(const std::string& line, char sep) {
  std::vector<std::string> out;
  std::string field;
  std::istringstream in(line);
  while (std::getline(in, field, sep)) out.push_back(field);
  if (!line.empty() && line.back() == sep) out.emplace_back();
  return out;
}

}  // namespace

bool parse_utc(const std::string& raw, double& unix_seconds) {
  const std::string text = trim(raw);
  if (text.empty()) return false;
  if (text.find('-') == std::string::npos || text.find('-') == 0) {
    double v = 0;
    if (!parse_number(text, v) || v < 0 || v > 32503680000.0) return false;  // before year 3000
    unix_seconds = v;
    return true;
  }
  int year, month, day, hour = 0, minute = 0;
  double second = 0;
  char sep = ' ';
  int consumed = 0;
  if (std::sscanf(text.c_str(), "%4d-%2d-%2d%c%2d:%2d:%lf%n", &year, &month, &day, &sep, &hour, &minute, &second,
                  &consumed) != 7)
    return false;
  if (sep != ' ' && sep != 'T') return false;
  std::string rest = text.substr(static_cast<std::size_t>(consumed));
  double zone_offset_s = 0;
  if (rest == "Z" || rest == "z" || rest.empty() || rest == "UTC" || rest == " UTC") {
  } else if ((rest[0] == '+' || rest[0] == '-') && rest.size() >= 3) {
    int zh = 0, zm = 0;
    if (std::sscanf(rest.c_str() + 1, "%2d:%2d", &zh, &zm) < 1) return false;
    zone_offset_s = (rest[0] == '+' ? 1 : -1) * (zh * 3600.0 + zm * 60.0);
  } else {
    return false;
  }
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second < 0 || second >= 61)
    return false;
  std::tm tm{};
  tm.tm_year = year - 1900;
  tm.tm_mon = month - 1;
  tm.tm_mday = day;
  tm.tm_hour = hour;
  tm.tm_min = minute;
  tm.tm_sec = 0;
  unix_seconds = static_cast<double>(timegm(&tm)) + second - zone_offset_s;
  return true;
}

std::string parse_user_time(const std::string& raw, double& unix_seconds, bool& date_only) {
  const std::string text = trim(raw);
  date_only = false;
  int year = 0, month = 0, day = 0, consumed = 0;
  if (std::sscanf(text.c_str(), "%4d-%2d-%2d", &year, &month, &day) == 3 && month >= 1 && month <= 12) {
    static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    if (day < 1 || day > kDays[month - 1] || (month == 2 && day == 29 && !leap))
      return fmt::format("{:04}-{:02} has no day {}", year, month, day);
  }
  if (std::sscanf(text.c_str(), "%4d-%2d-%2d%n", &year, &month, &day, &consumed) == 3 &&
      static_cast<std::size_t>(consumed) == text.size() && text.size() == 10) {
    if (!parse_utc(text + "T00:00:00Z", unix_seconds)) return "not a valid date";
    date_only = true;
    return {};
  }
  if (!parse_utc(text, unix_seconds))
    return "expected a date (2024-03-01), a date and time with its zone (2024-03-01T12:00:00Z, "
           "2024-03-01T15:00:00+03:00) or Unix seconds";
  const bool unix_number = text.find('-') == std::string::npos || text.find('-') == 0;
  if (unix_number) return {};
  // parse_utc accepts a bare time as UTC; a user must say so.
  const std::size_t time_at = text.find_first_of("T ", 10);
  const std::string clock = time_at == std::string::npos ? std::string() : text.substr(time_at + 1);
  const bool zone = clock.find_first_of("Zz+-") != std::string::npos || clock.find("UTC") != std::string::npos;
  if (!zone)
    return "the time has no zone: add Z for UTC (2024-03-01T12:00:00Z) or the local offset (+03:00)";
  return {};
}

std::vector<FrequencySample> read_frequency_csv(const std::string& path, int time_column, int frequency_column) {
  std::ifstream in(path);
  if (!in) throw InputError(fmt::format("{}: cannot open the reference CSV", path));
  std::vector<FrequencySample> samples;
  std::string line;
  std::size_t line_no = 0;
  char sep = 0;
  std::size_t bad = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (line_no == 1 && line.size() >= 3 && static_cast<unsigned char>(line[0]) == 0xEF) line = line.substr(3);  // BOM
    if (trim(line).empty() || line[0] == '#') continue;
    if (!sep) sep = detect_separator(line);
    const auto fields = split(line, sep);
    FrequencySample s;
    const bool have = static_cast<int>(fields.size()) > std::max(time_column, frequency_column);
    const bool ok = have && parse_utc(fields[static_cast<std::size_t>(time_column)], s.utc) &&
                    parse_number(fields[static_cast<std::size_t>(frequency_column)], s.frequency_hz);
    if (!ok) {
      if (samples.empty() && bad == 0) {  // a header row
        ++bad;
        continue;
      }
      throw InputError(fmt::format("{}:{}: expected a UTC time and a frequency in Hz, got '{}'", path, line_no,
                                   trim(line).substr(0, 80)));
    }
    if (s.frequency_hz < 40.0 || s.frequency_hz > 70.0)
      throw InputError(fmt::format("{}:{}: frequency {} Hz is not a mains frequency (40-70 Hz)", path, line_no,
                                   s.frequency_hz));
    samples.push_back(s);
  }
  if (samples.empty()) throw InputError(fmt::format("{}: no measurements found in the reference CSV", path));
  return samples;
}

}  // namespace prov::enf

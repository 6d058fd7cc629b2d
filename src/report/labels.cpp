#include "report/labels.h"

#include <cctype>
#include <map>
#include <string_view>

namespace prov::report {

std::string label_for(const std::string& key) {
  static const std::map<std::string, std::string, std::less<>> known = {
      {"sha256", "SHA-256"},
      {"p_value", "p-value"},
      {"utc", "UTC"},
      {"enf_reference", "ENF reference"},
      {"rmse_mhz", "RMSE (mHz)"},
      {"snr_db", "Signal-to-noise ratio (dB)"},
      {"lags_searched", "Lags searched"},
      {"upper_95", "Upper 95% bound"},
      {"false_alarms_per_hour_upper_95", "False alarms per hour (upper 95% bound)"},
      {"id", "Id"},
  };
  if (const auto it = known.find(key); it != known.end()) return it->second;

  // Unit suffixes, longest first.
  static const std::pair<std::string_view, std::string_view> units[] = {
      {"_per_hour", " per hour"}, {"_bytes", " (bytes)"}, {"_mhz", " (mHz)"}, {"_khz", " (kHz)"},
      {"_hz", " (Hz)"},           {"_dbfs", " (dBFS)"},   {"_db", " (dB)"},   {"_ms", " (ms)"},
      {"_rad", " (rad)"},         {"_deg", " (degrees)"}, {"_s", " (s)"},     {"_utc", " (UTC)"},
  };
  std::string stem = key, unit;
  for (const auto& [suffix, text] : units) {
    if (stem.size() > suffix.size() && std::string_view(stem).substr(stem.size() - suffix.size()) == suffix) {
      stem.resize(stem.size() - suffix.size());
      unit = text;
      break;
    }
  }
  std::string out;
  for (char c : stem) out += c == '_' ? ' ' : c;
  for (const char* acronym : {"enf", "dc", "mp3", "aac", "lr", "llr", "pdf", "url"}) {
    const std::string a = acronym;
    for (std::size_t at = out.find(a); at != std::string::npos; at = out.find(a, at + a.size())) {
      const bool starts = at == 0 || out[at - 1] == ' ';
      const bool ends = at + a.size() == out.size() || out[at + a.size()] == ' ';
      if (!starts || !ends) continue;
      for (std::size_t i = 0; i < a.size(); ++i) out[at + i] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[at + i])));
    }
  }
  if (!out.empty()) out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
  return out + unit;
}

}  // namespace prov::report

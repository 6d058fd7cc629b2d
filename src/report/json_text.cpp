#include "report/json_text.h"

#include <fmt/format.h>

#include "core/terminal_text.h"

namespace prov::report {

void set_text_with_bytes(nlohmann::json& obj, const std::string& key, const std::string& raw) {
  obj[key] = utf8_or_replacement(raw);
  if (!is_valid_utf8(raw)) obj[key + "_bytes"] = bytes_hex(raw);
}

std::string json_text(const nlohmann::json& v) {
  if (v.is_null()) return "\u2014";
  if (v.is_string()) return v.get<std::string>();
  if (v.is_boolean()) return v.get<bool>() ? "yes" : "no";
  if (v.is_number_integer()) return std::to_string(v.get<long long>());
  if (v.is_number_unsigned()) return std::to_string(v.get<unsigned long long>());
  if (v.is_number_float()) {
    std::string s = fmt::format("{:.4f}", v.get<double>());
    while (!s.empty() && s.back() == '0') s.pop_back();
    if (!s.empty() && s.back() == '.') s.pop_back();
    return s;
  }
  return v.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string span_text(double start_s, double end_s) {
  if (end_s <= start_s) return fmt::format("{:.2f} s", start_s);
  return fmt::format("{:.2f}\u2013{:.2f} s", start_s, end_s);
}

}  // namespace prov::report

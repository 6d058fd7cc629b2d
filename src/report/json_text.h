#pragma once
#include <nlohmann/json.hpp>
#include <string>

namespace prov::report {

// A JSON value as short readable text: strings as they are, numbers without
// noise, null as an em dash, arrays and objects as compact JSON.
std::string json_text(const nlohmann::json& value);
// Seconds as "12.34 s" and spans as "12.34-15.00 s".
std::string span_text(double start_s, double end_s);

}  // namespace prov::report

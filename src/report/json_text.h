#pragma once
#include <nlohmann/json.hpp>
#include <string>

namespace prov::report {

// A JSON value as short readable text: strings as they are, numbers without
// noise, null as an em dash, arrays and objects as compact JSON.
std::string json_text(const nlohmann::json& value);
// Sets obj[key] to `raw` made valid UTF-8 (U+FFFD for bytes that are not),
// and, only when `raw` was not valid UTF-8, obj[key + "_bytes"] to the
// original bytes in hex: file names are evidence, so nothing is lost, and a
// name with a byte such as 0xFF cannot break the JSON of a whole case.
void set_text_with_bytes(nlohmann::json& obj, const std::string& key, const std::string& raw);

// Seconds as "12.34 s" and spans as "12.34-15.00 s".
std::string span_text(double start_s, double end_s);

}  // namespace prov::report

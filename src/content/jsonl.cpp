#include "content/jsonl.h"

#include <fmt/format.h>

#include "content/utf8_text.h"
#include "core/error.h"

namespace prov::content {

void for_each_jsonl_object(std::istream& in, const std::string& source,
                           const std::function<void(const nlohmann::json&, int)>& handle) {
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const auto first = line.find_first_not_of(" \t");
    if (first == std::string::npos || line[first] == '#') continue;
    require_valid_utf8(line, fmt::format("{}: line {}", source, number));
    nlohmann::json value;
    try {
      value = nlohmann::json::parse(line);
    } catch (const nlohmann::json::parse_error& e) {
      throw InputError(fmt::format("{}: line {}: malformed JSON at column {}", source, number, e.byte));
    } catch (const nlohmann::json::exception& e) {  // e.g. a number too large for a double
      throw InputError(fmt::format("{}: line {}: unreadable JSON ({})", source, number, e.what()));
    }
    if (!value.is_object()) {
      throw InputError(fmt::format("{}: line {}: expected a JSON object", source, number));
    }
    try {
      handle(value, number);
    } catch (const InputError&) {
      throw;
    } catch (const std::exception& e) {
      throw InputError(fmt::format("{}: line {}: {}", source, number, e.what()));
    }
  }
}

}  // namespace prov::content

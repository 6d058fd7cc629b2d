#pragma once
#include <functional>
#include <istream>
#include <nlohmann/json.hpp>
#include <string>

namespace prov::content {

// Calls `handle(object, line_number)` for each JSON object line. Blank lines
// and lines starting with '#' are skipped. Invalid UTF-8, malformed JSON and
// non-object lines throw InputError "<source>: line N: ...". `handle` may
// throw std::exception with a short reason; it is rethrown with file and line.
void for_each_jsonl_object(std::istream& in, const std::string& source,
                           const std::function<void(const nlohmann::json&, int)>& handle);

}  // namespace prov::content

#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace prov::content {

// Throws InputError "<source>: invalid UTF-8 at byte <offset>" on the first
// malformed sequence (overlong forms, surrogates and truncation included).
void require_valid_utf8(std::string_view bytes, const std::string& source);

// Number of code points in bytes [0, byte_offset) of valid UTF-8 text.
std::size_t code_points_before(std::string_view text, std::size_t byte_offset);

}  // namespace prov::content

#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace prov::content {

// Throws InputError "<source>: invalid UTF-8 at byte <offset>" on the first
// malformed sequence (overlong forms, surrogates and truncation included).
void require_valid_utf8(std::string_view bytes, const std::string& source);

// Number of code points in bytes [0, byte_offset) of valid UTF-8 text.
std::size_t code_points_before(std::string_view text, std::size_t byte_offset);

// Code-point offsets for many byte offsets of one text: counts are kept per
// block, so each lookup costs at most one block instead of the whole prefix.
class CodePointIndex {
 public:
  explicit CodePointIndex(std::string_view text);
  std::size_t operator()(std::size_t byte_offset) const;

 private:
  static constexpr std::size_t kBlock = 4096;
  std::string_view text_;
  std::vector<std::size_t> before_block_;  // code points before each block
};

}  // namespace prov::content

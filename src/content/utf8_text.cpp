#include "content/utf8_text.h"

#include <unicode/utf8.h>

#include <algorithm>
#include <cstdint>
#include <fmt/format.h>

#include "core/error.h"

namespace prov::content {

void require_valid_utf8(std::string_view bytes, const std::string& source) {
  const auto* data = reinterpret_cast<const uint8_t*>(bytes.data());
  const auto length = static_cast<int32_t>(bytes.size());
  int32_t i = 0;
  while (i < length) {
    const int32_t at = i;
    UChar32 c;
    U8_NEXT(data, i, length, c);
    if (c < 0) throw InputError(fmt::format("{}: invalid UTF-8 at byte {}", source, at));
  }
}

std::size_t code_points_before(std::string_view text, std::size_t byte_offset) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < byte_offset && i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++count;
  }
  return count;
}

CodePointIndex::CodePointIndex(std::string_view text) : text_(text) {
  std::size_t count = 0;
  for (std::size_t block = 0; block * kBlock < text.size() || block == 0; ++block) {
    before_block_.push_back(count);
    const std::size_t begin = block * kBlock;
    const std::size_t end = std::min(text.size(), begin + kBlock);
    for (std::size_t i = begin; i < end; ++i) {
      if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++count;
    }
  }
}

std::size_t CodePointIndex::operator()(std::size_t byte_offset) const {
  byte_offset = std::min(byte_offset, text_.size());
  const std::size_t block = std::min(byte_offset / kBlock, before_block_.size() - 1);
  std::size_t count = before_block_[block];
  for (std::size_t i = block * kBlock; i < byte_offset; ++i) {
    if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) ++count;
  }
  return count;
}

}  // namespace prov::content

#include "server/byte_range.h"

#include <algorithm>
#include <charconv>
#include <optional>

namespace prov::server {
namespace {

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

std::optional<uint64_t> number(std::string_view text) {
  if (text.empty() || text.size() > 19) return std::nullopt;
  uint64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return value;
}

}  // namespace

RangeRequest parse_byte_range(std::string_view header, uint64_t size) {
  header = trimmed(header);
  if (header.empty()) return WholeResource{};
  constexpr std::string_view unit = "bytes=";
  if (header.substr(0, unit.size()) != unit) return UnsatisfiableRange{};
  const std::string_view spec = trimmed(header.substr(unit.size()));
  if (spec.find(',') != std::string_view::npos) return WholeResource{};
  const auto dash = spec.find('-');
  if (dash == std::string_view::npos) return UnsatisfiableRange{};
  const std::string_view first_text = trimmed(spec.substr(0, dash));
  const std::string_view last_text = trimmed(spec.substr(dash + 1));
  if (first_text.empty()) {
    const auto count = number(last_text);
    if (!count || *count == 0 || size == 0) return UnsatisfiableRange{};
    return ByteRange{size - std::min(*count, size), size - 1};
  }
  const auto first = number(first_text);
  if (!first || *first >= size) return UnsatisfiableRange{};
  if (last_text.empty()) return ByteRange{*first, size - 1};
  const auto last = number(last_text);
  if (!last || *last < *first) return UnsatisfiableRange{};
  return ByteRange{*first, std::min(*last, size - 1)};
}

}  // namespace prov::server

#pragma once
#include <cstdint>
#include <string_view>
#include <variant>

namespace prov::server {

// One satisfiable byte range of a resource: bytes [first, last], inclusive.
struct ByteRange {
  uint64_t first = 0;
  uint64_t last = 0;
  uint64_t length() const { return last - first + 1; }
};
// No Range header, or one the server may ignore (several ranges): the whole
// resource is sent with 200.
struct WholeResource {};
// A Range header that cannot be met (bad syntax, or starting past the end):
// 416 with "Content-Range: bytes */size".
struct UnsatisfiableRange {};

using RangeRequest = std::variant<WholeResource, ByteRange, UnsatisfiableRange>;

// Reads an HTTP Range header (RFC 9110 §14.1.2) for a resource of `size`
// bytes: "bytes=first-", "bytes=first-last" (last clipped to the end) and
// the suffix form "bytes=-count". Several ranges are answered whole.
RangeRequest parse_byte_range(std::string_view header, uint64_t size);

}  // namespace prov::server

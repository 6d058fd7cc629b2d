#include "fingerprint/posting_list.h"

#include <stdexcept>

namespace prov::fingerprint {
namespace {

void put_varint(std::string& out, uint32_t v) {
  while (v >= 0x80) {
    out.push_back(static_cast<char>((v & 0x7f) | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<char>(v));
}

[[noreturn]] void corrupt() { throw std::runtime_error("archive: corrupt posting list"); }

uint32_t get_varint(const unsigned char*& p, const unsigned char* end) {
  uint32_t v = 0;
  for (int shift = 0; p < end && shift < 35; shift += 7) {
    const unsigned char byte = *p++;
    v |= static_cast<uint32_t>(byte & 0x7f) << shift;
    if (!(byte & 0x80)) return v;
  }
  corrupt();
}

}  // namespace

std::string encode_postings(const std::vector<Posting>& sorted, uint32_t previous_item) {
  std::string out;
  out.reserve(sorted.size() * 3 + 4);
  for (std::size_t i = 0; i < sorted.size();) {
    std::size_t j = i;
    while (j < sorted.size() && sorted[j].item == sorted[i].item) ++j;
    if (sorted[i].item <= previous_item)
      throw std::logic_error("encode_postings: items out of order");
    put_varint(out, sorted[i].item - previous_item);
    put_varint(out, static_cast<uint32_t>(j - i));
    uint32_t anchor = 0;
    for (std::size_t k = i; k < j; ++k) {
      if (k > i && sorted[k].anchor < anchor) throw std::logic_error("encode_postings: anchors out of order");
      put_varint(out, sorted[k].anchor - anchor);
      anchor = sorted[k].anchor;
    }
    previous_item = sorted[i].item;
    i = j;
  }
  return out;
}

void decode_postings(std::string_view bytes, std::vector<Posting>& out) {
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  const auto* end = p + bytes.size();
  uint32_t item = 0;
  while (p < end) {
    const uint32_t step = get_varint(p, end);
    if (step == 0) corrupt();  // items are numbered from 1 and strictly increase
    item += step;
    const uint32_t n = get_varint(p, end);
    // Each anchor takes at least one byte: a count beyond the bytes left is corrupt.
    if (n == 0 || n > static_cast<std::size_t>(end - p)) corrupt();
    uint32_t anchor = 0;
    for (uint32_t k = 0; k < n; ++k) {
      anchor += get_varint(p, end);
      out.push_back({item, anchor});
    }
  }
}

}  // namespace prov::fingerprint

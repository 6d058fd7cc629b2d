#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace prov::fingerprint {

struct Posting {
  uint32_t item = 0;    // archive item id, from 1
  uint32_t anchor = 0;  // quarter frames
};

// The postings of one hash, as stored in one archive row: groups of
// (item delta, count, anchor deltas) in varints, ordered by item then anchor,
// so a lookup reads one row and a new item, whose id is always the largest,
// is appended without decoding the rest.
//
// Encodes postings sorted by (item, anchor); `previous_item` is the last
// item already in the list the bytes will be appended to (0 for a new list).
std::string encode_postings(const std::vector<Posting>& sorted, uint32_t previous_item = 0);
// Appends the decoded postings to `out`; throws std::runtime_error on a
// corrupt list.
void decode_postings(std::string_view bytes, std::vector<Posting>& out);

}  // namespace prov::fingerprint

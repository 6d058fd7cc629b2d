#pragma once
#include <cstdint>
#include <vector>

#include "fingerprint/archive_index.h"
#include "fingerprint/landmarks.h"
#include "fingerprint/segment_matcher.h"

namespace prov::fingerprint {

// A query landmark and an archived one with the same hash.
struct Hit {
  uint32_t item = 0;
  float tq = 0;  // query anchor, frames
  float ta = 0;  // item anchor, frames
};

// The hits of one archived item near the offsets (query minus item time)
// where more of them agree than chance gives, in query-time order, and how
// many a seed window must hold at each offset to stand out.
struct ItemCandidates {
  uint32_t item = 0;
  std::vector<Hit> hits;
  // Hits a seed window at this offset (frames) must hold; 0 where no
  // candidate stretch is.
  int needed_at(double offset_frames) const;

  // Offset bins, in quarter frames: bin = (offset + shift) / width.
  int64_t shift = 0;
  int64_t width = 1;
  std::vector<uint16_t> needed;
};

// Looks the query's hashes up and keeps, for each item, only the hits that
// can belong to a segment. Chance hits grow with the archive; they are
// counted in a histogram of offsets per item, two passes over the postings,
// so that they are never sorted or stored one by one.
std::vector<ItemCandidates> candidate_hits(const std::vector<Landmark>& query, PostingSource& source,
                                           const MatchParams& params);

}  // namespace prov::fingerprint

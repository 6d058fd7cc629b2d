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
// and query times where more of them agree than chance gives, in query-time
// order, how many a seed window must hold there to stand out, and the
// chance background the segments found there are judged against.
struct ItemCandidates {
  uint32_t item = 0;
  std::vector<Hit> hits;
  // Hits a seed window at this offset and query time (frames) must hold; 0
  // where no candidate stretch is.
  int needed_at(double offset_frames, double query_frames) const;
  // Chance hits expected per frame of query time and frame of offset at
  // this offset: the item's local background spread over the time the
  // query and the item overlap there.
  double chance_density(double offset_frames) const;

  // Offset bins, in quarter frames: bin = (offset + shift) / width; query
  // time bins: query anchor / time_width.
  int64_t shift = 0;
  int64_t width = 1;
  int64_t time_width = 1;
  int64_t query_end = 0;  // quarter frames
  struct Stretch {
    uint32_t first_bin, last_bin;
    uint16_t needed;
  };
  std::vector<std::vector<Stretch>> stretches;  // per query time bin
  std::vector<float> background;                // chance hits per offset bin over the whole overlap
};

// Looks the query's hashes up and keeps, for each item, only the hits that
// can belong to a segment. Chance hits grow with the archive and with the
// length of the query; they are counted in histograms of offsets per item
// (over the whole query, for the background, and per ~16 s of query time,
// for the test), so that they are never sorted or stored one by one, and a
// short segment of a long query is held against the chance hits of its own
// stretch of query time, not of the whole query.
std::vector<ItemCandidates> candidate_hits(const std::vector<Landmark>& query, PostingSource& source,
                                           const MatchParams& params);

}  // namespace prov::fingerprint

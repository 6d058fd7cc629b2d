#pragma once
#include <cstdint>
#include <vector>

#include "fingerprint/archive_index.h"
#include "fingerprint/landmarks.h"

namespace prov::fingerprint {

struct MatchParams {
  double hop_s = 0.016;                  // frame hop of the landmarks
  std::size_t max_postings_per_hash = 1000;  // hashes more common than this are skipped
  double max_speed_deviation = 0.06;     // time-scale factors searched: 1 +- this
  double scale_step = 0.0025;
  double seed_window_s = 0.5;            // width of the first, offset-only vote
  double max_drift_s = 3.0;              // offset drift within one segment (re-timing), searched around a seed
  double inlier_tolerance_s = 0.04;      // distance from the fitted line
  double max_gap_s = 4.0;                // a longer gap between matches ends a segment
  int min_matched_anchors = 6;           // distinct query anchors on one segment
  double min_score = 0.08;               // share of the span's query anchors that matched
  double min_duration_s = 1.0;
  // Chance hits are judged per this much query time, so that a long query
  // does not raise the bar for a short segment in it.
  double chance_window_s = 16.0;
  // A segment must be this unlikely by chance: -log10 of the probability
  // that chance hits alone put its matched anchors on its line (see
  // SegmentMatch::significance). Lower finds weaker segments and more false
  // alarms; fingerprint/false_alarms.h gives the measured rates.
  double min_significance = 12.0;
  // The ends of a segment are where its matches are dense: an end match
  // with fewer than this many others within end_window_s of it is dropped
  // (a lone chance hit on the line would stretch the segment by seconds).
  int end_support = 1;
  double end_window_s = 1.0;
  // Matched anchors are the first peaks of triplets reaching up to ~0.6 s
  // later, so the last anchor falls short of the segment's end and the first
  // one a little after its start (measured on the benchmark: ~0.6 s, ~0.15 s).
  double start_extension_s = 0.15;
  double end_extension_s = 0.6;
};

// One stretch of the query that reuses audio of one archived item.
// Query time = time_scale * (item time - item_start_s) + query_start_s, so
// time_scale < 1 means the query plays the item faster.
struct SegmentMatch {
  int64_t item = 0;
  double query_start_s = 0, query_end_s = 0;
  double item_start_s = 0, item_end_s = 0;
  double time_scale = 1.0;
  double score = 0;             // 0..1, share of the span's query anchors that matched
  int matched_anchors = 0;
  // -log10 of the chance that hits at the item's local chance rate put this
  // many matched anchors on one line over this span (Poisson tail), less
  // log10 of the number of time scales searched when the segment is
  // re-timed. 12 means one in a million million.
  double significance = 0;
};

// Every segment of the query matching some archived item, each with its own
// offset and time scale, ordered by query start. Reads only `source`.
std::vector<SegmentMatch> match_segments(const std::vector<Landmark>& query, PostingSource& source,
                                         const MatchParams& params = {});

}  // namespace prov::fingerprint

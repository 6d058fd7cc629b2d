#pragma once
#include <cstdint>
#include <vector>

#include "video/frame_hashes.h"
#include "video/frame_index.h"

namespace prov::video {

struct VideoMatchParams {
  // Frames within this many of 256 bits match. PDQ's own advice for single
  // pictures is 31; a segment needs several matches in time order, which
  // lets a looser bar through without chance matches and keeps 5% crops
  // (32-50 bits). Set on the tuning set (bench/README.md).
  int max_distance = 44;
  // The query's sampling interval: a query is sampled more densely than the
  // archive (1 s), so that some query frame falls near each archived one.
  double query_interval_s = 0.25;
  // Also look for mirrored, flipped and rotated copies (the query's eight
  // dihedral variants); otherwise only the picture as it is.
  bool dihedral = true;
  // Item time minus query time may wander by this within one segment: the
  // nearest archived sample can be half an archive interval away.
  double max_offset_jitter_s = 0.75;
  double max_gap_s = 3.0;        // a longer stretch without matches ends a segment
  // Only the closest stored frames of each query frame and variant are kept:
  // a long static shot archived and queried would otherwise match every
  // frame with every frame (memory quadratic in its length).
  std::size_t max_hits_per_frame = 16;
  int min_matched_frames = 3;    // distinct query frames matched in one segment
  // A segment covering this share of both videos' lengths is a whole-video
  // near-duplicate.
  double whole_video_coverage = 0.9;
};

// One stretch of the query that shows pictures of one archived video, in
// the same order and at a constant offset: item time = query time + offset.
struct VideoSegmentMatch {
  int64_t item = 0;
  double query_start_s = 0, query_end_s = 0;
  double item_start_s = 0, item_end_s = 0;
  Dihedral transform = Dihedral::identity;  // how the query's pictures are turned relative to the item's
  int matched_frames = 0;      // distinct query frames matched
  int query_frames = 0;        // query frames kept (not black or flat) within the span
  double mean_distance = 0;    // of the best match of each matched frame, bits
  bool whole_video = false;    // covers nearly all of both videos
  double query_coverage = 0;   // span / query length
  double item_coverage = 0;    // item span / item length
};

// Every segment of the query reusing pictures of an indexed video, ordered
// by query start. `query` must hold the dihedral variants when
// params.dihedral is set (FrameHashOptions::keep_dihedral).
std::vector<VideoSegmentMatch> match_video(const VideoHashes& query, const FrameIndex& index,
                                           const VideoMatchParams& params = {});

// Sampling options for a query under these parameters.
FrameHashOptions query_hash_options(const VideoMatchParams& params = {});
// Hashing options for archived videos: a frame a second and at scene
// changes, each kept frame hashed whole and by its central 95% (so that
// copies cropped by about 5% still match).
FrameHashOptions archive_hash_options();

}  // namespace prov::video

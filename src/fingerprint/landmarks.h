#pragma once
#include <cstdint>
#include <vector>

#include "fingerprint/spectral_peaks.h"

namespace prov::fingerprint {

// A hashed peak triplet. The hash holds only quantities that survive a
// playback-speed change (and tempo or pitch change alone) of a few percent:
// log-frequency differences, the ratio of the two time gaps, plus coarse
// absolute values (anchor band, log of the span) that the query side probes
// on both sides of a quantisation edge.
struct Landmark {
  uint32_t hash = 0;
  uint32_t anchor = 0;  // anchor time in quarter frames
};

struct LandmarkParams {
  int archive_fanout = 3;        // later peaks paired with each anchor when indexing
  int query_fanout = 6;          // more on the query side, so noise peaks do not hide the archived ones
  float min_span_frames = 2.0f;  // t3 - t1
  float max_span_frames = 40.0f;
  float max_octaves = 1.5f;      // |log2(f/f1)| for the two later peaks
  float anchor_band_octaves = 0.25f;
  float diff_step_octaves = 1.0f / 12;
  int ratio_levels = 8;
  float span_step_log2 = 1.0f / 3;
  float min_hz = 250.0f;         // bottom of the anchor bands
  int max_repeats_per_item = 8;  // a hash kept at most this often per archived item
  // Query-side probing: when a value lies within this fraction of a step of
  // a quantisation edge, the neighbouring cell is looked up too.
  float anchor_margin = 0.3f;
  float diff_margin = 0.2f;
  float ratio_margin = 0.2f;
  float span_margin = 0.25f;
  int max_probes = 2;
};

constexpr int kQuarterFramesPerFrame = 4;

// Landmarks stored in the archive: sparse, one hash per triplet.
std::vector<Landmark> archive_landmarks(const std::vector<SpectralPeak>& peaks, const LandmarkParams& params = {});
// Landmarks of a query: denser, with neighbouring cells probed. Several
// entries may share an anchor.
std::vector<Landmark> query_landmarks(const std::vector<SpectralPeak>& peaks, const LandmarkParams& params = {});

}  // namespace prov::fingerprint

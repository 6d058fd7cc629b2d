#include "video/video_matcher.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <stdexcept>

namespace prov::video {
namespace {

struct Hit {
  uint32_t query_frame;
  double query_time;
  double item_time;
  int distance;
  double offset() const { return item_time - query_time; }
};

// The offset window of width 2 * jitter holding the most distinct query
// frames, as [first, last) indices into hits sorted by offset.
std::pair<std::size_t, std::size_t> densest_window(const std::vector<Hit>& by_offset, double jitter) {
  std::pair<std::size_t, std::size_t> best{0, 0};
  std::size_t best_count = 0;
  std::size_t hi = 0;
  for (std::size_t lo = 0; lo < by_offset.size(); ++lo) {
    while (hi < by_offset.size() && by_offset[hi].offset() - by_offset[lo].offset() <= 2 * jitter) ++hi;
    if (hi - lo > best_count) {
      best_count = hi - lo;
      best = {lo, hi};
    }
  }
  return best;
}

double median(std::vector<double> v) {
  std::nth_element(v.begin(), v.begin() + v.size() / 2, v.end());
  return v[v.size() / 2];
}

// Segments of one (item, transform) pair of the query's hits.
void segments_of(std::vector<Hit> hits, int64_t item, Dihedral transform, const VideoHashes& query,
                 const StoredVideo& video, const VideoMatchParams& p, std::vector<VideoSegmentMatch>& out) {
  const double query_length = std::max(query.duration_s(), p.query_interval_s);
  const double item_length = std::max(video.duration_s, 1e-3);
  while (static_cast<int>(hits.size()) >= p.min_matched_frames) {
    std::sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) { return a.offset() < b.offset(); });
    const auto [lo, hi] = densest_window(hits, p.max_offset_jitter_s);
    std::vector<Hit> window(hits.begin() + static_cast<std::ptrdiff_t>(lo), hits.begin() + static_cast<std::ptrdiff_t>(hi));
    hits.erase(hits.begin() + static_cast<std::ptrdiff_t>(lo), hits.begin() + static_cast<std::ptrdiff_t>(hi));
    // The best match of each query frame, in query order.
    std::sort(window.begin(), window.end(), [](const Hit& a, const Hit& b) {
      return a.query_frame != b.query_frame ? a.query_frame < b.query_frame : a.distance < b.distance;
    });
    window.erase(std::unique(window.begin(), window.end(),
                             [](const Hit& a, const Hit& b) { return a.query_frame == b.query_frame; }),
                 window.end());
    if (static_cast<int>(window.size()) < p.min_matched_frames) break;  // no denser window is left
    std::size_t start = 0;
    for (std::size_t i = 1; i <= window.size(); ++i) {
      if (i < window.size() && window[i].query_time - window[i - 1].query_time <= p.max_gap_s) continue;
      const std::vector<Hit> run(window.begin() + static_cast<std::ptrdiff_t>(start),
                                 window.begin() + static_cast<std::ptrdiff_t>(i));
      start = i;
      if (static_cast<int>(run.size()) < p.min_matched_frames) continue;
      std::vector<double> offsets;
      double distance_sum = 0;
      for (const auto& h : run) offsets.push_back(h.offset()), distance_sum += h.distance;
      VideoSegmentMatch m;
      m.item = item;
      m.transform = transform;
      m.query_start_s = run.front().query_time;
      m.query_end_s = std::min(run.back().query_time + p.query_interval_s, query_length);
      const double offset = median(offsets);
      m.item_start_s = std::clamp(m.query_start_s + offset, 0.0, item_length);
      m.item_end_s = std::clamp(m.query_end_s + offset, 0.0, item_length);
      m.matched_frames = static_cast<int>(run.size());
      for (const auto& f : query.frames)
        if (!f.centre_crop && f.time_s >= m.query_start_s - 1e-6 && f.time_s < m.query_end_s) ++m.query_frames;
      m.mean_distance = distance_sum / static_cast<double>(run.size());
      m.query_coverage = std::min(1.0, (m.query_end_s - m.query_start_s) / query_length);
      m.item_coverage = std::min(1.0, (m.item_end_s - m.item_start_s) / item_length);
      m.whole_video = m.query_coverage >= p.whole_video_coverage && m.item_coverage >= p.whole_video_coverage;
      out.push_back(m);
    }
  }
}

}  // namespace

FrameHashOptions query_hash_options(const VideoMatchParams& params) {
  FrameHashOptions options;
  options.sampling.interval_s = params.query_interval_s;
  options.keep_dihedral = params.dihedral;
  return options;
}

FrameHashOptions archive_hash_options() {
  FrameHashOptions options;
  options.centre_crop = 0.95;
  return options;
}

std::vector<VideoSegmentMatch> match_video(const VideoHashes& query, const FrameIndex& index,
                                           const VideoMatchParams& p) {
  if (p.dihedral && query.dihedral.size() != query.frames.size())
    throw std::invalid_argument("match_video: the query's dihedral variants were not kept");
  std::map<std::pair<int64_t, Dihedral>, std::vector<Hit>> grouped;
  std::vector<FrameHit> found;
  const int variants = p.dihedral ? 8 : 1;
  for (uint32_t q = 0; q < query.frames.size(); ++q) {
    for (int v = 0; v < variants; ++v) {
      const Hash256& h = p.dihedral ? query.dihedral[q].hashes[v] : query.frames[q].hash;
      found.clear();
      index.search(h, p.max_distance, found);
      if (found.size() > p.max_hits_per_frame) {
        std::partial_sort(found.begin(), found.begin() + static_cast<std::ptrdiff_t>(p.max_hits_per_frame), found.end(),
                          [](const FrameHit& a, const FrameHit& b) { return a.distance < b.distance; });
        found.resize(p.max_hits_per_frame);
      }
      for (const auto& hit : found) {
        const auto located = index.frame(hit.frame);
        grouped[{located.item, static_cast<Dihedral>(v)}].push_back(
            {q, query.frames[q].time_s, located.time_s, hit.distance});
      }
    }
  }
  std::vector<VideoSegmentMatch> segments;
  for (auto& [key, hits] : grouped)
    if (const StoredVideo* video = index.video(key.first))
      segments_of(std::move(hits), key.first, key.second, query, *video, p, segments);
  // One query picture shows one moment of an item, so where segments of the
  // same item overlap in the query (a picture symmetric enough to match in
  // two orientations; footage that repeats itself, such as a static shot
  // seen again later) only the best-supported one stands.
  std::sort(segments.begin(), segments.end(), [](const auto& a, const auto& b) {
    return a.matched_frames != b.matched_frames ? a.matched_frames > b.matched_frames
                                                : a.mean_distance < b.mean_distance;
  });
  std::vector<VideoSegmentMatch> kept;
  for (const auto& s : segments) {
    const bool shadowed = std::any_of(kept.begin(), kept.end(), [&](const VideoSegmentMatch& k) {
      if (k.item != s.item) return false;
      const double overlap = std::min(k.query_end_s, s.query_end_s) - std::max(k.query_start_s, s.query_start_s);
      return overlap > 0.5 * (s.query_end_s - s.query_start_s);
    });
    if (!shadowed) kept.push_back(s);
  }
  std::sort(kept.begin(), kept.end(), [](const auto& a, const auto& b) {
    return a.query_start_s != b.query_start_s ? a.query_start_s < b.query_start_s : a.item < b.item;
  });
  return kept;
}

}  // namespace prov::video

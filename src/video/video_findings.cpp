#include "video/video_findings.h"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

namespace prov::video {
namespace {

// Measured by bench/video_reuse_bench (bench/README.md): no false match in
// 0.68 h of query video built from real clips, so fewer than 3 / 0.68 h per
// hour at 95% confidence.
constexpr double kFalseMatchesPerHourBound = 4.4;
constexpr double kFalseMatchMeasuredHours = 0.68;

std::string clock(double seconds) {
  const auto total = static_cast<long long>(std::floor(std::max(0.0, seconds)));
  const double frac = std::max(0.0, seconds) - static_cast<double>(total);
  return fmt::format("{}:{:02}.{}", total / 60, total % 60, static_cast<int>(frac * 10));
}

}  // namespace

Findings video_reuse_findings(const std::vector<VideoSegmentMatch>& matches,
                              const std::vector<ArchivedVideoName>& names, const VideoMatchParams& p) {
  Findings out;
  for (const auto& m : matches) {
    const auto it = std::find_if(names.begin(), names.end(), [&](const auto& n) { return n.id == m.item; });
    if (it == names.end()) continue;
    Finding f;
    f.kind = "reuse";
    f.detector = m.whole_video ? "video.near_duplicate" : "video.pdq_segments";
    f.start_s = m.query_start_s;
    f.end_s = m.query_end_s;
    const double share = m.query_frames > 0 ? static_cast<double>(m.matched_frames) / m.query_frames : 0.0;
    // Close hashes on most frames of a long stretch are strong evidence.
    f.strength = std::clamp(0.4 * share + 0.3 * (1.0 - m.mean_distance / p.max_distance) +
                                0.3 * (1.0 - std::exp(-m.matched_frames / 8.0)),
                            0.0, 1.0);
    const std::string released = it->released.empty() ? "" : ", released " + it->released;
    const std::string turned = m.transform == Dihedral::identity ? "" : fmt::format(", {}", to_string(m.transform));
    if (m.whole_video) {
      f.summary = fmt::format(
          "the whole video ({}-{}) is a near-duplicate of archived \"{}\"{} ({}-{}){} ({} of {} sampled frames "
          "match, mean distance {:.0f} of 256 bits; false matches: none in {:.2f} h of test video, under {:.0f} "
          "per hour)",
          clock(m.query_start_s), clock(m.query_end_s), it->name, released, clock(m.item_start_s),
          clock(m.item_end_s), turned, m.matched_frames, m.query_frames, m.mean_distance, kFalseMatchMeasuredHours,
          kFalseMatchesPerHourBound);
    } else {
      f.summary = fmt::format(
          "{}-{} shows the pictures of {}-{} of archived \"{}\"{}{} ({} of {} sampled frames match, mean distance "
          "{:.0f} of 256 bits; false matches: none in {:.2f} h of test video, under {:.0f} per hour)",
          clock(m.query_start_s), clock(m.query_end_s), clock(m.item_start_s), clock(m.item_end_s), it->name,
          released, turned, m.matched_frames, m.query_frames, m.mean_distance, kFalseMatchMeasuredHours,
          kFalseMatchesPerHourBound);
    }
    f.method =
        "PDQ-style 256-bit perceptual hashes of frames sampled every second and at scene changes (query every "
        "0.25 s, with its mirrored and rotated variants); frames within the Hamming distance are matched through "
        "a multi-index hash, and matches at one time offset, in time order, are joined into segments (vPDQ)";
    f.parameters = {{"max_distance", p.max_distance},         {"query_interval_s", p.query_interval_s},
                    {"dihedral", p.dihedral},                 {"max_offset_jitter_s", p.max_offset_jitter_s},
                    {"max_gap_s", p.max_gap_s},               {"min_matched_frames", p.min_matched_frames},
                    {"whole_video_coverage", p.whole_video_coverage}};
    f.evidence = {{"archive_item_id", m.item},
                  {"archive_sha256", it->sha256},
                  {"archive_title", it->name},
                  {"archive_released", it->released},
                  {"query_start_s", m.query_start_s},
                  {"query_end_s", m.query_end_s},
                  {"item_start_s", m.item_start_s},
                  {"item_end_s", m.item_end_s},
                  {"transform", to_string(m.transform)},
                  {"matched_frames", m.matched_frames},
                  {"query_frames", m.query_frames},
                  {"mean_distance_bits", m.mean_distance},
                  {"whole_video", m.whole_video},
                  {"query_coverage", m.query_coverage},
                  {"item_coverage", m.item_coverage},
                  {"false_matches_per_hour", kFalseMatchesPerHourBound},
                  {"false_matches_upper_bound", true},
                  {"false_matches_measured_hours", kFalseMatchMeasuredHours}};
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace prov::video

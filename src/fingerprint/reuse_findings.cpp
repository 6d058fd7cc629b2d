#include "fingerprint/reuse_findings.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fmt/format.h>

#include "fingerprint/false_alarms.h"

namespace prov::fingerprint {
namespace {

std::string clock(double seconds) {
  const auto total = static_cast<long long>(std::floor(std::max(0.0, seconds)));
  const double frac = std::max(0.0, seconds) - static_cast<double>(total);
  return fmt::format("{}:{:02}.{}", total / 60, total % 60, static_cast<int>(frac * 10));
}

}  // namespace

std::string display_name(const ArchiveItem& item) {
  if (!item.metadata.title.empty()) return item.metadata.title;
  if (!item.metadata.original_path.empty())
    return std::filesystem::path(item.metadata.original_path).filename().string();
  return item.sha256.substr(0, 12);
}

Findings reuse_findings(const std::vector<SegmentMatch>& matches, const std::vector<ArchiveItem>& items,
                        double archive_hours, const MatchParams& p) {
  Findings out;
  for (const auto& m : matches) {
    const auto it = std::find_if(items.begin(), items.end(), [&](const ArchiveItem& i) { return i.id == m.item; });
    if (it == items.end()) continue;
    const ArchiveItem& item = *it;
    Finding f;
    f.kind = "reuse";
    f.detector = "fingerprint.landmark_triplets";
    f.start_s = m.query_start_s;
    f.end_s = m.query_end_s;
    // A segment whose anchors mostly match is unmistakable; a sparse one is
    // weaker evidence. Long segments earn strength from their length too.
    f.strength = std::clamp(0.5 * m.score / 0.3 + 0.5 * (1.0 - std::exp(-m.matched_anchors / 20.0)), 0.0, 1.0);
    const FalseAlarmRate false_alarms = false_alarm_rate(m.significance, archive_hours);
    std::string speed;
    if (std::abs(m.time_scale - 1.0) >= 0.005)
      speed = fmt::format(", played at {:.1f}% of its speed", 100.0 / m.time_scale);
    f.summary = fmt::format(
        "{}-{} reuses {}-{} of archived \"{}\"{}{} ({} matching landmarks; false alarms at this significance: {})",
        clock(m.query_start_s), clock(m.query_end_s), clock(m.item_start_s), clock(m.item_end_s), display_name(item),
        item.metadata.released.empty() ? "" : ", released " + item.metadata.released, speed, m.matched_anchors,
        describe(false_alarms));
    f.method =
        "Spectral-peak triplet landmarks (speed-invariant hashes) looked up in the archive index; matches "
        "voted by offset and time scale, then split into segments at gaps";
    f.parameters = {{"hop_s", p.hop_s},
                    {"max_postings_per_hash", p.max_postings_per_hash},
                    {"max_speed_deviation", p.max_speed_deviation},
                    {"inlier_tolerance_s", p.inlier_tolerance_s},
                    {"max_gap_s", p.max_gap_s},
                    {"min_matched_anchors", p.min_matched_anchors},
                    {"min_score", p.min_score},
                    {"min_significance", p.min_significance},
                    {"chance_window_s", p.chance_window_s}};
    f.evidence = {{"archive_item_id", item.id},
                  {"archive_sha256", item.sha256},
                  {"archive_title", item.metadata.title},
                  {"archive_source", item.metadata.source},
                  {"archive_released", item.metadata.released},
                  {"query_start_s", m.query_start_s},
                  {"query_end_s", m.query_end_s},
                  {"item_start_s", m.item_start_s},
                  {"item_end_s", m.item_end_s},
                  {"time_scale", m.time_scale},
                  {"score", m.score},
                  {"matched_anchors", m.matched_anchors},
                  {"significance", m.significance},
                  {"false_alarms_per_hour", false_alarms.per_hour},
                  {"false_alarms_upper_bound", false_alarms.upper_bound},
                  {"archive_hours", archive_hours}};
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace prov::fingerprint

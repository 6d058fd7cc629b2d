// The recycled-pictures part of `provenance analyze`: with --archive and a
// file that has a video stream, every stretch whose pictures reuse those of
// an archived video becomes a `reuse` finding, with a timeline of them.
#include <fmt/format.h>

#include <map>

#include "analysis_steps.h"
#include "fingerprint/archive_index.h"
#include "report/svg_plot.h"
#include "side_input.h"
#include "step_archive.h"
#include "video_archive.h"

namespace prov::cli {
namespace {

using nlohmann::json;
namespace fp = fingerprint;

std::string timeline_svg(const Findings& findings, double duration_s) {
  report::Timeline t;
  t.title = "Reused pictures: query time, one row per archived video";
  t.x_label = "time in this recording (s)";
  t.x_min = 0;
  t.x_max = duration_s;
  static const char* palette[] = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd"};
  std::map<int64_t, std::size_t> colour_of;
  for (const auto& f : findings) {
    const auto item = f.evidence["archive_item_id"].get<int64_t>();
    colour_of.emplace(item, colour_of.size());
    t.bars.push_back({fmt::format("#{} {}", item, f.evidence["archive_title"].get<std::string>()), f.start_s, f.end_s,
                      palette[colour_of[item] % std::size(palette)],
                      fmt::format("item {:.1f}-{:.1f} s, {} frames, distance {:.0f}",
                                  f.evidence["item_start_s"].get<double>(), f.evidence["item_end_s"].get<double>(),
                                  f.evidence["matched_frames"].get<int>(),
                                  f.evidence["mean_distance_bits"].get<double>())});
  }
  return report::render_timeline_svg(t);
}

Findings run(AnalysisContext& context) {
  if (archive_option().empty() || !has_video_stream(context.container)) return {};
  json section = {{"id", "archive_video"}, {"title", "Recycled pictures (video frame hashes)"},
                  {"figures", json::array()}, {"facts", json::object()}};
  auto index = fp::ArchiveIndex::open(archive_option(), fp::ArchiveIndex::Mode::open_existing);
  const video::VideoMatchParams params;
  const auto result = match_archived_video(context.path, index, params, {});
  section["parameters"] = {{"archive", side_input(index.path())},
                           {"archived_videos", result.archived_videos},
                           {"archived_frames", result.archived_frames},
                           {"max_distance", params.max_distance},
                           {"query_interval_s", params.query_interval_s},
                           {"min_matched_frames", params.min_matched_frames},
                           {"dihedral", params.dihedral}};
  section["facts"]["archived videos"] = result.archived_videos;
  section["facts"]["frames hashed here"] = result.query.frames.size();
  section["facts"]["frames skipped (black or flat)"] = result.query.skipped_black + result.query.skipped_low_quality;
  if (result.findings.empty()) {
    section["summary"] = fmt::format(
        "No stretch of this video's pictures matches any of the {} archived videos. Stretches shorter than about "
        "1 s, or altered beyond the tested conditions (bench/README.md), can go unnoticed.",
        result.archived_videos);
  } else {
    section["summary"] = fmt::format("{} stretch(es) of this video reuse pictures of archived videos.",
                                     result.findings.size());
    for (std::size_t i = 0; i < result.findings.size(); ++i)
      section["facts"][fmt::format("segment {}", i + 1)] = result.findings[i].summary;
    section["figures"].push_back({{"title", "Matched archived videos along this recording"},
                                  {"svg", timeline_svg(result.findings, result.query.duration_s())}});
  }
  context.report["sections"].push_back(section);
  return result.findings;
}

}  // namespace

static AnalysisStepRegistration reg{{"archive_video", 41, {}, run}};

}  // namespace prov::cli

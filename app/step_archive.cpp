// The recycled-audio part of `provenance analyze`: with --archive, every
// segment of the item that reuses archived audio becomes a `reuse` finding,
// and the report gets a timeline of the matches.
#include <fmt/format.h>

#include <map>

#include "analysis_steps.h"
#include "fingerprint/archive_index.h"
#include "fingerprint/landmarks.h"
#include "fingerprint/reuse_findings.h"
#include "fingerprint/segment_matcher.h"
#include "fingerprint/spectral_peaks.h"
#include "report/svg_plot.h"
#include "side_input.h"
#include "step_archive.h"

namespace prov::cli {

std::string& archive_option() {
  static std::string path;
  return path;
}

namespace {

using nlohmann::json;
namespace fp = fingerprint;

void add_options(CLI::App& analyze) {
  analyze.add_option("--archive", archive_option(),
                     "Fingerprint archive (file, or folder holding fingerprints.sqlite) to find reused audio in");
}

const char* colour_for(std::size_t i) {
  static const char* palette[] = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
                                  "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"};
  return palette[i % std::size(palette)];
}

std::string timeline_svg(const std::vector<fp::SegmentMatch>& matches, const std::vector<fp::ArchiveItem>& items,
                         double duration_s) {
  report::Timeline t;
  t.title = "Reused audio: query time, one row per archived item";
  t.x_label = "time in this recording (s)";
  t.x_min = 0;
  t.x_max = duration_s;
  std::map<int64_t, std::size_t> colour_of;
  for (const auto& m : matches) {
    colour_of.emplace(m.item, colour_of.size());
    const auto it = std::find_if(items.begin(), items.end(), [&](const auto& i) { return i.id == m.item; });
    const std::string name = it == items.end() ? fmt::format("item {}", m.item) : fp::display_name(*it);
    t.bars.push_back({fmt::format("#{} {}", m.item, name), m.query_start_s, m.query_end_s,
                      colour_for(colour_of[m.item]),
                      fmt::format("item {:.1f}-{:.1f} s, scale {:.3f}, score {:.2f}", m.item_start_s, m.item_end_s,
                                  m.time_scale, m.score)});
  }
  return report::render_timeline_svg(t);
}

Findings run(AnalysisContext& context) {
  json section = {{"id", "archive"}, {"title", "Recycled audio (fingerprints)"}, {"figures", json::array()},
                  {"facts", json::object()}};
  if (archive_option().empty()) {
    section["summary"] = "Not searched: no archive was given (--archive).";
    context.report["sections"].push_back(section);
    return {};
  }
  auto index = fp::ArchiveIndex::open(archive_option(), fp::ArchiveIndex::Mode::open_existing);
  const Signal& signal = context.audio.analysis;
  const fp::MatchParams params;
  const auto matches = fp::match_segments(fp::query_landmarks(fp::find_spectral_peaks(signal)), index, params);
  const auto items = index.items();
  const auto stats = index.stats();
  Findings findings = fp::reuse_findings(matches, items, stats.hours, params);

  section["parameters"] = {{"archive", side_input(index.path())}, {"archive_items", stats.items}, {"archive_hours", stats.hours},
                           {"min_matched_anchors", params.min_matched_anchors}, {"min_score", params.min_score},
                           {"min_significance", params.min_significance},
                           {"max_speed_deviation", params.max_speed_deviation}};
  section["facts"]["archive"] = index.path();
  section["facts"]["archived items"] = stats.items;
  section["facts"]["archived hours"] = std::round(stats.hours * 100) / 100;
  if (findings.empty()) {
    section["summary"] = fmt::format(
        "No segment of this recording matches any of the {} archived items ({:.1f} h). Segments shorter than about "
        "3 s, or degraded beyond the tested conditions, can go unnoticed.",
        stats.items, stats.hours);
  } else {
    double reused = 0;
    for (const auto& m : matches) reused += m.query_end_s - m.query_start_s;
    section["summary"] = fmt::format("{} segment(s), {:.1f} s in all, reuse audio of archived items.", findings.size(),
                                     reused);
    for (std::size_t i = 0; i < findings.size(); ++i)
      section["facts"][fmt::format("segment {}", i + 1)] = findings[i].summary;
    section["figures"].push_back(
        {{"title", "Matched archive items along this recording"}, {"svg", timeline_svg(matches, items, signal.duration_s())}});
  }
  context.report["sections"].push_back(section);
  return findings;
}

}  // namespace

static AnalysisStepRegistration reg{{"archive", 40, add_options, run}};
// Fingerprints need the whole 16 kHz signal, so it is kept when --archive is given.
static FullRateNeed full_rate{[] { return !archive_option().empty(); }};

}  // namespace prov::cli

// The content part of `provenance analyze`: with --transcript, a date window
// from what the speaker refers to, per segment, with its evidence and a
// timeline figure for the report.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <vector>

#include "analysis_steps.h"
#include "content/dating.h"
#include "content/dating_inputs.h"
#include "content/gazetteer.h"
#include "content/hijri.h"
#include "content/timeline.h"
#include "content/transcript.h"
#include "core/error.h"
#include "report/svg_plot.h"
#include "side_input.h"

namespace prov::cli {
namespace {

using namespace prov::content;

struct ContentOptions {
  std::string transcript;
  std::vector<std::string> timelines;
  std::vector<std::string> gazetteers;
  std::string released;
  std::string died;
  std::vector<std::string> death_claims;
  std::string speaker_side;
  std::string encoding;
  std::vector<std::string> rejected;
  std::vector<std::string> rejected_events;
};

ContentOptions& options() {
  static ContentOptions o;
  return o;
}

constexpr double kDay = 86400.0;
constexpr std::size_t kMaxBoundRows = 30;
constexpr std::size_t kMaxSegmentRows = 20;
const char* kLowerColor = "#2ca02c";
const char* kUpperColor = "#1f77b4";
const char* kSoftColor = "#9edae5";
const char* kConflictColor = "#d62728";

std::string short_text(const std::string& text, std::size_t limit) {
  if (text.size() <= limit) return text;
  std::size_t cut = limit;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut) + "…";
}

// Bars for the window, each bound and each segment window. One-sided bounds
// run to the edge of the axis.
std::string window_figure(const DatingResult& r) {
  const auto& s = r.overall;
  if (s.bounds.empty()) return "";
  Day lo = s.bounds.front().day, hi = lo;
  for (const auto& b : s.bounds) {
    lo = std::min(lo, b.day);
    hi = std::max(hi, b.day);
  }
  const Day margin = std::max(30, (hi - lo) / 10);
  const double axis_min = day_to_unix_seconds(lo - margin), axis_max = day_to_unix_seconds(hi + margin + 1);
  report::Timeline t;
  t.title = "Recording date from content: windows and the bounds that set them";
  t.x_label = "date";
  t.x_is_unix_time = true;
  t.x_min = axis_min;
  t.x_max = axis_max;
  auto span = [&](const std::optional<Day>& a, const std::optional<Day>& b) {
    return std::pair{a ? day_to_unix_seconds(*a) : axis_min, b ? day_to_unix_seconds(*b) + kDay : axis_max};
  };
  const auto& w = s.window;
  if (w.consistent) {
    const auto [a, b] = span(w.earliest, w.latest);
    t.bars.push_back({"possible window", a, b, "#555555", describe(w)});
    const auto [c, d] = span(w.likely_earliest, w.likely_latest);
    t.bars.push_back({"likely window", c, d, "#ff7f0e", "likely window"});
  }
  std::set<std::string> conflicted;
  for (const auto& c : s.conflicts) {
    conflicted.insert(c.lower.cite.bound_id);
    conflicted.insert(c.upper.cite.bound_id);
  }
  // A long transcript can carry hundreds of bounds: draw the ones that set a
  // window edge or conflict first, then the hard ones, up to a readable number.
  std::vector<std::size_t> order(s.bounds.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  auto rank = [&](std::size_t i) {
    const auto& b = s.bounds[i];
    if (i == w.earliest_by || i == w.latest_by || i == w.likely_earliest_by || i == w.likely_latest_by) return 0;
    if (conflicted.count(b.cite.bound_id)) return 1;
    return b.hard ? 2 : 3;
  };
  std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) { return rank(x) < rank(y); });
  if (order.size() > kMaxBoundRows) {
    t.title += fmt::format(" ({} of {} bounds shown; all are in the findings)", kMaxBoundRows, order.size());
    order.resize(kMaxBoundRows);
  }
  std::sort(order.begin(), order.end());
  for (std::size_t index : order) {
    const Bound& b = s.bounds[index];
    const auto [a, e] = b.side == Side::lower ? span(b.day, std::nullopt) : span(std::nullopt, b.day);
    std::string row = short_text(b.cite.label, 48);
    if (b.cite.quote && b.cite.quote->start_s) row += " @" + format_clock(*b.cite.quote->start_s);
    const std::string color = conflicted.count(b.cite.bound_id) ? kConflictColor
                              : !b.hard                         ? kSoftColor
                              : b.side == Side::lower           ? kLowerColor
                                                                : kUpperColor;
    const std::string quote = b.cite.quote ? " \"" + short_text(b.cite.quote->sentence, 160) + "\"" : "";
    t.bars.push_back({row, a, e, color,
                      fmt::format("{} {} ({}, {}){}", b.side == Side::lower ? "on or after" : "on or before",
                                  day_to_iso(b.day), b.hard ? "hard" : "soft", b.cite.rule, quote)});
  }
  if (r.segment_count > 1) {
    std::size_t drawn = 0;
    for (const auto& seg : r.segments) {
      if (++drawn > kMaxSegmentRows) break;
      const auto& sw = seg.solution.window;
      if (!sw.consistent) continue;
      const auto [a, b] = span(sw.earliest, sw.latest);
      const std::string row = seg.start_s ? fmt::format("segment {} @{}", seg.segment + 1, format_clock(*seg.start_s))
                                          : fmt::format("segment {}", seg.segment + 1);
      t.bars.push_back({row, a, b, "#8c564b", describe(sw)});
    }
  }
  return report::render_timeline_svg(t);
}

nlohmann::json window_facts(const DatingResult& r) {
  const auto& w = r.overall.window;
  auto day = [](const std::optional<Day>& d) { return d ? nlohmann::json(day_to_iso(*d)) : nlohmann::json("unbounded"); };
  return {{"transcript", r.transcript},
          {"references", r.used},
          {"earliest", day(w.earliest)},
          {"latest", day(w.latest)},
          {"likely_earliest", day(w.likely_earliest)},
          {"likely_latest", day(w.likely_latest)},
          {"consistent", w.consistent},
          {"inconsistencies", r.overall.conflicts.size() + r.segment_conflicts.size()}};
}

void add_options(CLI::App& analyze) {
  auto& o = options();
  analyze.add_option("--transcript", o.transcript, "Transcript or translation (txt, SRT, WebVTT) to date the recording from")
      ->check(CLI::ExistingFile);
  analyze.add_option("--timeline", o.timelines, "Event timeline (JSON Lines) for dating from content; repeatable")
      ->check(CLI::ExistingFile);
  analyze.add_option("--gazetteer", o.gazetteers, "Gazetteer (JSON Lines, repeatable); default: beside each timeline")
      ->check(CLI::ExistingFile);
  analyze.add_option("--speaker-side", o.speaker_side, "The speaker's side, for events that depend on who acted");
  analyze.add_option("--died", o.died, "Confirmed death of the speaker YYYY-MM-DD: a hard upper bound");
  analyze.add_option("--death-claim", o.death_claims,
                     "Unconfirmed report of the speaker's death YYYY-MM-DD (repeatable): a note, never a bound");
  analyze.add_option("--transcript-encoding", o.encoding, "Transcript encoding (ICU name), instead of the guess");
  analyze.add_option("--reject-event", o.rejected_events, "Timeline event id the examiner rejects (repeatable)");
  analyze.add_option("--released", o.released, "Release date YYYY-MM-DD: the recording is no later");
  analyze.add_option("--reject-bound", o.rejected, "Date bound id (from `provenance date`) the examiner rejects (repeatable)");
}

Findings run(AnalysisContext& context) {
  const auto& o = options();
  nlohmann::json section{{"id", "content"}, {"title", "Dating from content"}};
  if (o.transcript.empty()) {
    section["summary"] = "No transcript given (--transcript): the recording was not dated from what it says.";
    context.report["sections"].push_back(section);
    return {};
  }
  DatingOptions dating;
  if (!o.released.empty()) dating.released = parse_full_date(o.released, "--released");
  if (!o.died.empty()) dating.died = parse_full_date(o.died, "--died");
  for (const auto& claim : o.death_claims) dating.death_claims.push_back(parse_full_date(claim, "--death-claim"));
  dating.rejected.insert(o.rejected.begin(), o.rejected.end());
  dating.rejected_events.insert(o.rejected_events.begin(), o.rejected_events.end());
  dating.speaker_side = o.speaker_side;
  const ReferenceIndex index = load_reference_index(o.timelines, o.gazetteers);
  check_rejected_events(dating, index);
  const Transcript transcript = load_transcript(o.transcript, o.encoding);
  const DatingResult result = date_transcript(transcript, index, dating);

  // Side inputs by their SHA-256 as well as their path (the gazetteers
  // beside the timelines included, when those are the ones used).
  nlohmann::json timelines = nlohmann::json::array();
  for (const auto& t : o.timelines) timelines.push_back(side_input(t));
  nlohmann::json gazetteers = nlohmann::json::array();
  if (!o.gazetteers.empty()) {
    for (const auto& g : o.gazetteers) gazetteers.push_back(side_input(g));
  } else {
    std::set<std::filesystem::path> seen;
    for (const auto& t : o.timelines) {
      const auto beside = std::filesystem::path(t).parent_path() / "gazetteer.jsonl";
      if (std::filesystem::exists(beside) && seen.insert(std::filesystem::weakly_canonical(beside)).second) {
        gazetteers.push_back(side_input(beside.string()));
      }
    }
  }
  nlohmann::json parameters{{"transcript", side_input(o.transcript)},
                            {"timelines", timelines},
                            {"gazetteers", gazetteers},
                            {"speaker_side", o.speaker_side},
                            {"died", o.died.empty() ? nlohmann::json(nullptr) : nlohmann::json(o.died)},
                            {"death_claims", o.death_claims},
                            {"encoding", transcript.encoding},
                            {"encoding_how", transcript.encoding_how},
                            {"editorial_passages", result.editorial.size()},
                            {"released", o.released.empty() ? nlohmann::json(nullptr) : nlohmann::json(o.released)},
                            {"hijri_widen_days", kHijriWidenDays},
                            {"rejected_bounds", result.rejected},
                            {"events", index.timeline().events.size()}};
  Findings findings = to_findings(result, parameters);

  std::string summary = result.used == 0
                            ? "No dated references found in the transcript: its content says nothing about the date."
                            : fmt::format("Recorded {} — from {} reference(s) in {} segment(s).", describe(result.overall.window),
                                          result.used, result.segments.size());
  const std::size_t conflicts = result.overall.conflicts.size() + result.segment_conflicts.size();
  if (!result.rejected.empty()) {
    summary += fmt::format(" {} bound(s) rejected by the examiner: {}.", result.rejected.size(),
                           fmt::join(result.rejected, ", "));
  }
  if (conflicts > 0) summary += fmt::format(" {} inconsistenc{} flagged.", conflicts, conflicts == 1 ? "y" : "ies");
  if (o.timelines.empty()) summary += " No timeline given (--timeline): only explicit dates were read.";
  section["summary"] = summary;
  section["facts"] = window_facts(result);
  section["parameters"] = parameters;
  section["figures"] = nlohmann::json::array();
  const std::string svg = window_figure(result);
  if (!svg.empty()) {
    section["figures"].push_back({{"title", "Date window and its evidence"}, {"svg", svg}});
  }
  context.report["sections"].push_back(section);
  return findings;
}

AnalysisStepRegistration registration{{"content", 60, add_options, run}};

}  // namespace
}  // namespace prov::cli

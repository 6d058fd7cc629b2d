// `provenance date`: a date window for a recording from what its transcript
// refers to, and `provenance date eval` over a folder of known cases.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <filesystem>
#include <iostream>
#include <vector>

#include "command_registry.h"
#include "content/dating.h"
#include "content/evaluation.h"
#include "content/gazetteer.h"
#include "content/timeline.h"
#include "content/transcript.h"
#include "core/error.h"

namespace {

using namespace prov::content;

struct DateArgs {
  std::string transcript;
  std::string timeline;
  std::string gazetteer;
  std::string released;
  std::vector<std::string> rejected;
  bool json = false;
  std::string cases;
  bool use_released = false;
};

DateArgs& args() {
  static DateArgs a;
  return a;
}

// The gazetteer given, else gazetteer.jsonl beside the timeline, else none.
ReferenceIndex load_index(const std::string& timeline_path, const std::string& gazetteer_path) {
  Timeline timeline = load_timeline(timeline_path);
  Gazetteer gazetteer;
  if (!gazetteer_path.empty()) {
    gazetteer = load_gazetteer(gazetteer_path);
  } else {
    const auto beside = std::filesystem::path(timeline_path).parent_path() / "gazetteer.jsonl";
    if (std::filesystem::exists(beside)) gazetteer = load_gazetteer(beside);
  }
  return ReferenceIndex(std::move(timeline), std::move(gazetteer));
}

Day parse_release(const std::string& text) {
  const auto range = parse_iso_range(text);
  if (!range) throw prov::InputError(fmt::format("--released '{}': expected YYYY-MM-DD", text));
  return range->latest;
}

std::string where(const Quote& q) {
  std::string s = fmt::format("segment {}", q.segment + 1);
  if (q.start_s) s += fmt::format(" {}-{}", format_clock(*q.start_s), format_clock(*q.end_s));
  return s + fmt::format(", chars {}-{}", q.char_begin, q.char_end);
}

void print_bound(const Bound& b) {
  fmt::print("  {:<6} {} {:<4}  {:<24} {}\n", b.side == Side::lower ? ">=" : "<=", day_to_iso(b.day),
             b.hard ? "hard" : "soft", b.cite.rule, b.cite.label);
  if (b.cite.quote) {
    fmt::print("         \"{}\"  [{}]\n", b.cite.quote->sentence, where(*b.cite.quote));
  }
  if (!b.cite.sources.empty()) fmt::print("         source: {}\n", b.cite.sources.front());
  fmt::print("         id: {}\n", b.cite.bound_id);
}

void print_conflict(const Conflict& c) {
  fmt::print("  [{}]\n", c.kind);
  print_bound(c.lower);
  fmt::print("    contradicts\n");
  print_bound(c.upper);
}

void print_result(const DatingResult& r) {
  fmt::print("{} ({}, {} segment(s)): {} reference(s)\n", r.transcript, r.format, r.segment_count,
             r.references.size());
  const Window& w = r.overall.window;
  fmt::print("{}{}\n", w.consistent ? "Recorded " : "Window ", describe(w));
  if (r.overall.bounds.empty()) {
    fmt::print("No dated references found: content says nothing about the date.\n");
  } else {
    fmt::print("\nBounds (reject one with --reject ID):\n");
    for (const auto& b : r.overall.bounds) print_bound(b);
  }
  if (!r.overall.conflicts.empty()) {
    fmt::print("\nInconsistencies:\n");
    for (const auto& c : r.overall.conflicts) print_conflict(c);
  }
  if (r.segment_count > 1 && !r.segments.empty()) {
    fmt::print("\nSegments with references:\n");
    for (const auto& s : r.segments) {
      std::string when = s.start_s ? fmt::format(" {}-{}", format_clock(*s.start_s), format_clock(*s.end_s)) : "";
      fmt::print("  segment {}{}: {} ({} reference(s))\n", s.segment + 1, when, describe(s.solution.window),
                 s.references);
    }
  }
  if (!r.segment_conflicts.empty()) {
    fmt::print("\nSegments whose windows do not overlap:\n");
    for (const auto& c : r.segment_conflicts) print_conflict(c);
  }
  bool header = false;
  for (const auto& ref : r.references) {
    if (ref.season.empty()) continue;
    if (!header) fmt::print("\nSeason references (they narrow a bounded window to the days they fit):\n");
    header = true;
    fmt::print("  {}: \"{}\"  [{}]\n", ref.label, ref.quote.sentence, where(ref.quote));
  }
  for (const auto& note : r.overall.notes) fmt::print("note: {}\n", note);
  if (!r.rejected.empty()) fmt::print("rejected by examiner: {}\n", fmt::join(r.rejected, ", "));
}

void run_date() {
  auto& a = args();
  const ReferenceIndex index = load_index(a.timeline, a.gazetteer);
  const Transcript transcript = load_transcript(a.transcript);
  DatingOptions options;
  if (!a.released.empty()) options.released = parse_release(a.released);
  options.rejected.insert(a.rejected.begin(), a.rejected.end());
  const DatingResult result = date_transcript(transcript, index, options);
  if (a.json) {
    std::cout << to_json(result).dump(2) << "\n";
  } else {
    print_result(result);
  }
}

nlohmann::json day_or_null(const std::optional<Day>& day) {
  return day ? nlohmann::json(day_to_iso(*day)) : nlohmann::json(nullptr);
}

void run_eval() {
  auto& a = args();
  const ReferenceIndex index = load_index(a.timeline, a.gazetteer);
  const auto cases = load_cases(a.cases);
  const auto summary = evaluate(cases, index, a.use_released);
  if (a.json) {
    nlohmann::json j;
    j["cases"] = nlohmann::json::array();
    for (const auto& c : summary.cases) {
      j["cases"].push_back({{"name", c.name}, {"true_date", day_to_iso(c.true_day)},
                            {"earliest", day_or_null(c.window.earliest)}, {"latest", day_or_null(c.window.latest)},
                            {"likely_earliest", day_or_null(c.window.likely_earliest)},
                            {"likely_latest", day_or_null(c.window.likely_latest)},
                            {"consistent", c.window.consistent}, {"inside", c.inside},
                            {"inside_likely", c.inside_likely}, {"references", c.references}});
    }
    j["inside"] = summary.inside;
    j["inside_likely"] = summary.inside_likely;
    j["violations"] = summary.violations;
    j["median_days_earliest_to_true"] = summary.median_days_earliest_to_true.value_or(-1);
    j["median_width_days"] = summary.median_width_days.value_or(-1);
    std::cout << j.dump(2) << "\n";
  } else {
    std::cout << format_evaluation(summary);
  }
}

prov::cli::CommandRegistration reg{"date", [](CLI::App& app) {
  auto& a = args();
  auto* cmd = app.add_subcommand("date", "Date a recording from what its transcript refers to");
  cmd->add_option("transcript", a.transcript, "Transcript or translation: plain text, SRT or WebVTT (UTF-8)")
      ->check(CLI::ExistingFile);
  cmd->add_option("--timeline", a.timeline, "Event timeline (JSON Lines)")->check(CLI::ExistingFile);
  cmd->add_option("--gazetteer", a.gazetteer, "Gazetteer (JSON Lines); default: gazetteer.jsonl beside the timeline")
      ->check(CLI::ExistingFile);
  cmd->add_option("--released", a.released, "Release date YYYY-MM-DD: the recording is no later");
  cmd->add_option("--reject", a.rejected, "Bound id the examiner rejects (repeatable)");
  cmd->add_flag("--json", a.json, "Machine-readable output on stdout");

  auto* eval = cmd->add_subcommand("eval", "Evaluate dating on a folder of cases (NAME.json + NAME.txt)");
  eval->add_option("folder", a.cases, "Folder of cases")->required()->check(CLI::ExistingDirectory);
  eval->add_option("--timeline", a.timeline, "Event timeline (JSON Lines)")->required()->check(CLI::ExistingFile);
  eval->add_option("--gazetteer", a.gazetteer, "Gazetteer (JSON Lines)")->check(CLI::ExistingFile);
  eval->add_flag("--use-released", a.use_released, "Use each case's release date as an upper bound");
  eval->add_flag("--json", a.json, "Machine-readable output on stdout");
  eval->callback(run_eval);

  cmd->callback([eval] {
    if (eval->parsed()) return;
    if (args().transcript.empty()) throw CLI::RequiredError("transcript");
    if (args().timeline.empty()) throw CLI::RequiredError("--timeline");
    run_date();
  });
}};

}  // namespace

// `provenance date`: a date window for a recording from what its transcript
// refers to, and `provenance date eval` over a folder of known cases.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <filesystem>
#include <iostream>
#include <vector>

#include "command_registry.h"
#include "content/dating.h"
#include "content/dating_inputs.h"
#include "content/evaluation.h"
#include "content/gazetteer.h"
#include "content/timeline.h"
#include "content/transcript.h"
#include "core/error.h"
#include "core/terminal_text.h"

namespace {

using namespace prov::content;

struct DateArgs {
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
  bool json = false;
  bool explain = false;
  bool allow_empty = false;
  std::string cases;
  bool use_released = false;
};

DateArgs& args() {
  static DateArgs a;
  return a;
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

void print_candidates(const DatingResult& r) {
  fmt::print("\nEvery candidate mention (--explain):\n");
  if (r.references.empty()) fmt::print("  none\n");
  for (const auto& ref : r.references) {
    std::string bounds;
    if (ref.verdict != Verdict::dropped) {
      if (ref.lower) bounds += ">= " + day_to_iso(*ref.lower) + " ";
      if (ref.upper) bounds += "<= " + day_to_iso(*ref.upper) + " ";
      bounds += ref.season.empty() ? (ref.hard ? "hard" : "soft") : "season";
    }
    fmt::print("  {:<8} {:<26} {}  [{}]\n", to_string(ref.verdict), ref.rule,
               ref.event ? ref.event->id : ref.label, ref.via);
    fmt::print("           matched \"{}\" in \"{}\"  [{}]\n", prov::terminal_safe(ref.quote.matched),
               prov::terminal_safe(ref.quote.sentence), where(ref.quote));
    fmt::print("           tense {}, modality {}{}{}\n", to_string(ref.tense), ref.modality,
               bounds.empty() ? "" : "; bounds " + bounds, ref.reason.empty() ? "" : "; " + ref.reason);
  }
}

void print_result(const DatingResult& r) {
  fmt::print("{} ({}, {} segment(s)): {} reference(s)\n", r.transcript, r.format, r.segment_count,
             r.used);
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
  if (!r.editorial.empty()) {
    fmt::print("\nEditorial insertions, not dated from (not the speaker's words):\n");
    for (const auto& e : r.editorial) {
      fmt::print("  segment {}: {}\n", e.segment + 1, prov::terminal_safe(e.text));
    }
  }
  for (const auto& note : r.overall.notes) fmt::print("note: {}\n", note);
  if (!r.rejected.empty()) fmt::print("rejected by examiner: {}\n", fmt::join(r.rejected, ", "));
}

void run_date() {
  auto& a = args();
  DatingOptions options;
  if (!a.released.empty()) options.released = parse_full_date(a.released, "--released");
  if (!a.died.empty()) options.died = parse_full_date(a.died, "--died");
  for (const auto& claim : a.death_claims) options.death_claims.push_back(parse_full_date(claim, "--death-claim"));
  options.rejected.insert(a.rejected.begin(), a.rejected.end());
  options.rejected_events.insert(a.rejected_events.begin(), a.rejected_events.end());
  options.speaker_side = a.speaker_side;
  const ReferenceIndex index = load_reference_index(a.timelines, a.gazetteers);
  check_rejected_events(options, index);
  const Transcript transcript = load_transcript(a.transcript, a.encoding);
  const bool empty = transcript_is_empty(transcript);
  if (empty) {
    fmt::print(stderr, "warning: {}: the transcript is empty: nothing to date\n", a.transcript);
    if (!a.allow_empty) throw prov::InputError(fmt::format("{}: empty transcript (pass --allow-empty to accept it)", a.transcript));
  }
  const DatingResult result = date_transcript(transcript, index, options);
  if (a.json) {
    auto j = to_json(result);
    j["encoding"] = {{"name", transcript.encoding}, {"how", transcript.encoding_how}};
    std::cout << j.dump(2) << "\n";
  } else {
    if (transcript.encoding != "UTF-8" || transcript.encoding_how != "valid UTF-8") {
      fmt::print("encoding: {} ({})\n", transcript.encoding, transcript.encoding_how);
    }
    print_result(result);
    if (a.explain) print_candidates(result);
  }
}

nlohmann::json day_or_null(const std::optional<Day>& day) {
  return day ? nlohmann::json(day_to_iso(*day)) : nlohmann::json(nullptr);
}

void run_eval() {
  auto& a = args();
  const ReferenceIndex index = load_reference_index(a.timelines, a.gazetteers);
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
                            {"inside_likely", c.inside_likely}, {"references", c.references},
                            {"hard_lower", c.hard_lower}, {"error", c.error},
                            {"expect_hard_lower", c.expect_hard_lower ? nlohmann::json(*c.expect_hard_lower)
                                                                      : nlohmann::json(nullptr)}});
    }
    j["inside"] = summary.inside;
    j["inside_likely"] = summary.inside_likely;
    j["violations"] = summary.violations;
    j["hard_lower"] = summary.hard_lower;
    j["errors"] = summary.errors;
    j["trap_hard"] = summary.trap_hard;
    j["median_days_earliest_to_true"] = summary.median_days_earliest_to_true.value_or(-1);
    j["median_width_days"] = summary.median_width_days.value_or(-1);
    std::cout << j.dump(2) << "\n";
  } else {
    std::cout << format_evaluation(summary);
  }
  if (summary.errors > 0) {
    throw prov::InputError(fmt::format("{}: {} case(s) could not be read (listed above)", a.cases, summary.errors));
  }
}

prov::cli::CommandRegistration reg{"date", [](CLI::App& app) {
  auto& a = args();
  auto* cmd = app.add_subcommand("date", "Date a recording from what its transcript refers to");
  cmd->add_option("transcript", a.transcript,
                  "Transcript or translation: plain text, SRT or WebVTT (UTF-8, UTF-16 with BOM, "
                  "Windows-1256, ISO-8859-6 or Latin-1)")
      ->check(CLI::ExistingFile);
  cmd->add_option("--timeline", a.timelines, "Event timeline (JSON Lines); repeat to merge several, in order")
      ->check(CLI::ExistingFile);
  cmd->add_option("--gazetteer", a.gazetteers,
                  "Gazetteer (JSON Lines, repeatable); default: gazetteer.jsonl beside each timeline")
      ->check(CLI::ExistingFile);
  cmd->add_option("--released", a.released, "Release date YYYY-MM-DD: the recording is no later");
  cmd->add_option("--died", a.died, "Confirmed death of the speaker YYYY-MM-DD: a hard upper bound");
  cmd->add_option("--death-claim", a.death_claims,
                  "Unconfirmed report of the speaker's death YYYY-MM-DD (repeatable): a note set against the window, "
                  "never a bound");
  cmd->add_option("--speaker-side", a.speaker_side,
                  "The speaker's side (e.g. islamic-state, al-qaeda, taliban): needed for hard bounds from "
                  "'liberated', 'fell' and the like");
  cmd->add_option("--encoding", a.encoding, "Transcript encoding (ICU name), instead of the guess");
  cmd->add_flag("--allow-empty", a.allow_empty, "An empty transcript is not an error");
  cmd->add_option("--reject", a.rejected, "Bound id the examiner rejects (repeatable)");
  cmd->add_option("--reject-event", a.rejected_events, "Event id whose every mention the examiner rejects (repeatable)");
  cmd->add_flag("--explain", a.explain, "List every candidate mention: rule, and why it was kept, softened or dropped");
  cmd->add_flag("--json", a.json, "Machine-readable output on stdout");

  auto* eval = cmd->add_subcommand("eval", "Evaluate dating on a folder of cases (NAME.json + NAME.txt)");
  eval->add_option("folder", a.cases, "Folder of cases")->required()->check(CLI::ExistingDirectory);
  eval->add_option("--timeline", a.timelines, "Event timeline (JSON Lines); repeatable")->required()->check(CLI::ExistingFile);
  eval->add_option("--gazetteer", a.gazetteers, "Gazetteer (JSON Lines); repeatable")->check(CLI::ExistingFile);
  eval->add_flag("--use-released", a.use_released, "Use each case's release date as an upper bound");
  eval->add_flag("--json", a.json, "Machine-readable output on stdout");
  eval->callback(run_eval);

  cmd->callback([eval] {
    if (eval->parsed()) return;
    if (args().transcript.empty()) throw CLI::RequiredError("transcript");
    if (args().timelines.empty()) throw CLI::RequiredError("--timeline");
    run_date();
  });
}};

}  // namespace

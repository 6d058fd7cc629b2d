#include "content/dating.h"

#include <fmt/format.h>

#include <algorithm>

#include "content/modality.h"
#include "core/error.h"

namespace prov::content {
namespace {

constexpr std::size_t kMaxSegmentConflicts = 20;
constexpr std::size_t kMaxSegmentFindings = 500;  // per-segment windows stay in the JSON output

Citation cite_reference(const Reference& r) {
  Citation c;
  c.rule = r.rule;
  c.label = r.label;
  c.tense = to_string(r.tense);
  c.relation = to_string(r.relation);
  if (r.event) {
    c.event_id = r.event->id;
    c.sources = r.event->sources;
  }
  c.bound_id = fmt::format("{}@{}", r.event ? r.event->id : std::string("date"), r.quote.byte_begin);
  c.quote = r.quote;
  return c;
}

void add_bounds(const Reference& r, const Citation& cite, std::vector<Bound>& bounds) {
  if (r.lower) bounds.push_back({Side::lower, *r.lower, r.hard, cite});
  if (r.upper) bounds.push_back({Side::upper, *r.upper, r.hard, cite});
  // The narrower reading is soft; skip it when it adds nothing.
  if (r.likely_lower && (!r.lower || *r.likely_lower != *r.lower)) {
    bounds.push_back({Side::lower, *r.likely_lower, false, cite});
    bounds.back().cite.bound_id += "/likely";
  }
  if (r.likely_upper && (!r.upper || *r.likely_upper != *r.upper)) {
    bounds.push_back({Side::upper, *r.likely_upper, false, cite});
    bounds.back().cite.bound_id += "/likely";
  }
}

bool rejected(const DatingOptions& options, const std::string& id, std::set<std::string>& applied) {
  if (options.rejected.count(id) == 0) return false;
  applied.insert(id);
  return true;
}

std::string when(const std::optional<Day>& day) { return day ? day_to_iso(*day) : std::string("?"); }

std::string segment_label(const std::optional<Quote>& q) {
  if (!q) return "release date";
  if (q->start_s) return fmt::format("segment {} at {}", q->segment + 1, format_clock(*q->start_s));
  return fmt::format("segment {}", q->segment + 1);
}

std::string bound_phrase(const Bound& b) {
  return fmt::format("{} {} ({}, {})", b.side == Side::lower ? "on or after" : "on or before",
                     day_to_iso(b.day), b.cite.label, b.cite.rule);
}

std::string quoted(const Bound& b) {
  if (!b.cite.quote) return "the release date";
  return fmt::format("\"{}\" ({})", b.cite.quote->sentence, segment_label(b.cite.quote));
}

std::pair<double, double> span_of(const std::vector<const Bound*>& bounds) {
  double lo = 0, hi = 0;
  bool any = false;
  for (const Bound* b : bounds) {
    if (!b->cite.quote || !b->cite.quote->start_s) continue;
    if (!any) {
      lo = *b->cite.quote->start_s;
      hi = *b->cite.quote->end_s;
      any = true;
    }
    lo = std::min(lo, *b->cite.quote->start_s);
    hi = std::max(hi, *b->cite.quote->end_s);
  }
  return {lo, hi};
}

double window_strength(const Window& w) {
  if (!w.consistent) return 0.0;
  if (w.earliest && w.latest) return 0.8;
  if (w.earliest || w.latest) return 0.5;
  if (w.likely_earliest || w.likely_latest) return 0.3;
  return 0.0;
}

}  // namespace

std::string describe(const Window& w) {
  if (!w.consistent) {
    return fmt::format("inconsistent: earliest {} is after latest {}", when(w.earliest), when(w.latest));
  }
  auto range = [](const std::optional<Day>& a, const std::optional<Day>& b) {
    if (a && b) return fmt::format("between {} and {}", day_to_iso(*a), day_to_iso(*b));
    if (a) return fmt::format("on or after {}", day_to_iso(*a));
    if (b) return fmt::format("on or before {}", day_to_iso(*b));
    return std::string("at an unknown date");
  };
  std::string text = range(w.earliest, w.latest);
  if (w.likely_earliest != w.earliest || w.likely_latest != w.latest) {
    text += " (likely " + range(w.likely_earliest, w.likely_latest) + ")";
  }
  return text;
}

void check_rejected_events(const DatingOptions& options, const ReferenceIndex& index) {
  for (const auto& id : options.rejected_events) {
    const auto& events = index.timeline().events;
    const bool known = std::any_of(events.begin(), events.end(), [&](const Event& e) { return e.id == id; });
    if (!known) throw InputError(fmt::format("--reject-event {}: no event with that id in the timeline", id));
  }
}

namespace {

// An unconfirmed report of the speaker's death is not evidence of when he
// spoke: it never bounds the window. The note says how the report stands
// against what the content shows, for the examiner to weigh.
std::string death_claim_note(Day claim, const Solution& window) {
  const std::string day = day_to_iso(claim);
  if (window.window.earliest && *window.window.earliest > claim)
    return "unconfirmed death report of " + day + ": the content says the recording was made on or after " +
           day_to_iso(*window.window.earliest) + ", after the reported death (the report is contradicted if the "
           "recording is his); not used as a bound";
  if (window.window.latest && *window.window.latest < claim)
    return "unconfirmed death report of " + day + ": the recording was made before it; not used as a bound";
  return "unconfirmed death report of " + day +
         ": the content cannot tell whether the recording was made before or after it; not used as a bound";
}

}  // namespace

DatingResult date_transcript(const Transcript& transcript, const ReferenceIndex& index,
                             const DatingOptions& options) {
  DatingResult result;
  result.transcript = transcript.source;
  result.format = transcript.format;
  result.segment_count = transcript.segments.size();
  check_rejected_events(options, index);
  result.references = index.find(transcript, MentionContext{options.speaker_side});
  for (const auto& segment : transcript.segments) {
    for (const auto& [a, b] : editorial_spans(transcript.segment_text(segment), segment.begin)) {
      result.editorial.push_back({segment.index, transcript.text.substr(a, b - a)});
    }
  }

  std::set<std::string> applied;
  std::vector<Bound> all;
  std::vector<SeasonCue> all_seasons;
  std::vector<std::vector<Bound>> per_segment(transcript.segments.size());
  std::vector<std::vector<SeasonCue>> per_segment_seasons(transcript.segments.size());
  std::vector<std::size_t> per_segment_refs(transcript.segments.size(), 0);
  for (const auto& r : result.references) {
    if (r.verdict == Verdict::dropped) continue;
    if (r.event && options.rejected_events.count(r.event->id)) {
      applied.insert("event " + r.event->id);
      continue;
    }
    const Citation cite = cite_reference(r);
    if (rejected(options, cite.bound_id, applied)) continue;
    ++result.used;
    const auto seg = static_cast<std::size_t>(r.quote.segment);
    ++per_segment_refs[seg];
    if (!r.season.empty()) {
      all_seasons.push_back({cite, r.season});
      per_segment_seasons[seg].push_back({cite, r.season});
      continue;
    }
    std::vector<Bound> bounds;
    add_bounds(r, cite, bounds);
    for (auto& b : bounds) {
      if (rejected(options, b.cite.bound_id, applied)) continue;
      all.push_back(b);
      per_segment[seg].push_back(b);
    }
  }
  std::optional<Bound> release;
  if (options.released && !rejected(options, "release", applied)) {
    Citation c;
    c.bound_id = "release";
    c.rule = "release";
    c.label = "release date " + day_to_iso(*options.released);
    c.relation = "before";
    release = Bound{Side::upper, *options.released, true, c};
    all.push_back(*release);
  }
  if (options.died && !rejected(options, "died", applied)) {
    Citation c;
    c.bound_id = "died";
    c.rule = "died";
    c.label = "confirmed death of the speaker " + day_to_iso(*options.died);
    c.relation = "before";
    const Bound died{Side::upper, *options.died, true, c};
    all.push_back(died);
    if (release) {
      release->day = std::min(release->day, died.day);  // per-segment windows get the tighter one
    } else {
      release = died;
    }
  }
  result.overall = solve_window(std::move(all), all_seasons);
  for (const Day claim : options.death_claims) result.overall.notes.push_back(death_claim_note(claim, result.overall));

  for (std::size_t s = 0; s < transcript.segments.size(); ++s) {
    if (per_segment_refs[s] == 0) continue;
    auto bounds = std::move(per_segment[s]);
    if (release) bounds.push_back(*release);
    SegmentWindow sw;
    sw.segment = static_cast<int>(s);
    sw.start_s = transcript.segments[s].start_s;
    sw.end_s = transcript.segments[s].end_s;
    sw.references = per_segment_refs[s];
    sw.solution = solve_window(std::move(bounds), per_segment_seasons[s]);
    result.segments.push_back(std::move(sw));
  }
  // Segments dated apart: one must end before another can begin. Every such
  // pair involves the segment that starts latest or the one that ends
  // earliest, so only pairs with those two are listed.
  const SegmentWindow* latest_start = nullptr;
  const SegmentWindow* earliest_end = nullptr;
  for (const auto& sw : result.segments) {
    const auto& w = sw.solution.window;
    if (!w.consistent) continue;
    if (w.earliest && (!latest_start || *w.earliest > *latest_start->solution.window.earliest)) latest_start = &sw;
    if (w.latest && (!earliest_end || *w.latest < *earliest_end->solution.window.latest)) earliest_end = &sw;
  }
  auto add_pair = [&](const SegmentWindow& before, const SegmentWindow& after) {
    if (result.segment_conflicts.size() >= kMaxSegmentConflicts) return;
    const auto& wb = before.solution.window;
    const auto& wa = after.solution.window;
    result.segment_conflicts.push_back({"segments", after.solution.bounds[*wa.earliest_by],
                                        before.solution.bounds[*wb.latest_by]});
  };
  if (latest_start && earliest_end &&
      *earliest_end->solution.window.latest < *latest_start->solution.window.earliest) {
    for (const auto& sw : result.segments) {
      const auto& w = sw.solution.window;
      if (w.consistent && w.latest && *w.latest < *latest_start->solution.window.earliest) add_pair(sw, *latest_start);
    }
    for (const auto& sw : result.segments) {
      const auto& w = sw.solution.window;
      if (&sw != latest_start && w.consistent && w.earliest && *w.earliest > *earliest_end->solution.window.latest) {
        add_pair(*earliest_end, sw);
      }
    }
  }
  if (result.references.size() >= ReferenceIndex::kMaxReferences) {
    result.overall.notes.push_back("reference limit reached: only the first " +
                                   std::to_string(ReferenceIndex::kMaxReferences) + " references were read");
  }
  result.rejected.assign(applied.begin(), applied.end());
  return result;
}

nlohmann::json to_json(const DatingResult& r) {
  nlohmann::json j;
  j["transcript"] = r.transcript;
  j["format"] = r.format;
  j["segments"] = r.segment_count;
  j["references"] = r.used;
  j["candidates"] = nlohmann::json::array();
  for (const auto& ref : r.references) {
    j["candidates"].push_back({{"rule", ref.rule},
                               {"via", ref.via},
                               {"event", ref.event ? ref.event->id : ""},
                               {"label", ref.label},
                               {"matched", ref.quote.matched},
                               {"sentence", ref.quote.sentence},
                               {"segment", ref.quote.segment},
                               {"tense", to_string(ref.tense)},
                               {"modality", ref.modality},
                               {"verdict", to_string(ref.verdict)},
                               {"hard", ref.hard},
                               {"reason", ref.reason}});
  }
  j["editorial"] = nlohmann::json::array();
  for (const auto& e : r.editorial) j["editorial"].push_back({{"segment", e.segment}, {"text", e.text}});
  j["window"] = to_json(r.overall.window, r.overall.bounds);
  j["bounds"] = nlohmann::json::array();
  for (const auto& b : r.overall.bounds) j["bounds"].push_back(to_json(b));
  j["conflicts"] = nlohmann::json::array();
  for (const auto& c : r.overall.conflicts) j["conflicts"].push_back(to_json(c));
  j["notes"] = r.overall.notes;
  j["season_references"] = nlohmann::json::array();
  for (const auto& ref : r.references) {
    if (ref.season.empty()) continue;
    nlohmann::json months = nlohmann::json::array();
    for (const auto& span : ref.season) months.push_back({{"month", span.month}, {"from", span.from_day}, {"to", span.to_day}});
    j["season_references"].push_back({{"label", ref.label},
                                      {"event", ref.event ? ref.event->id : ""},
                                      {"hijri", months},
                                      {"citation", to_json(cite_reference(ref))}});
  }
  j["segment_windows"] = nlohmann::json::array();
  for (const auto& s : r.segments) {
    nlohmann::json sj{{"segment", s.segment}, {"references", s.references},
                      {"window", to_json(s.solution.window, s.solution.bounds)}};
    if (s.start_s) {
      sj["start_s"] = *s.start_s;
      sj["end_s"] = *s.end_s;
    }
    j["segment_windows"].push_back(std::move(sj));
  }
  j["segment_conflicts"] = nlohmann::json::array();
  for (const auto& c : r.segment_conflicts) j["segment_conflicts"].push_back(to_json(c));
  j["rejected"] = r.rejected;
  return j;
}

Findings to_findings(const DatingResult& r, const nlohmann::json& parameters) {
  Findings out;
  const std::string method =
      "Date window from what the speaker refers to: mentions of dated events and states from the "
      "timeline (with tense, negation and clitics read around each mention), explicit Gregorian and "
      "Hijri dates (ICU umalqura and civil, widened by 2 days) and holiday greetings; hard bounds are "
      "intersected into the possible window, soft bounds narrow it to a likely window.";
  auto window_finding = [&](const Solution& s, const std::string& detector, double start_s, double end_s,
                            const std::string& what, std::size_t refs) {
    Finding f;
    f.kind = "date_window";
    f.detector = detector;
    f.start_s = start_s;
    f.end_s = end_s;
    f.strength = window_strength(s.window);
    f.summary = fmt::format("{} {} {}; {} reference(s)", what, s.window.consistent ? "recorded" : "window",
                            describe(s.window), refs);
    f.method = method;
    f.parameters = parameters;
    f.evidence = to_json(s.window, s.bounds);
    f.evidence["bounds"] = nlohmann::json::array();
    for (const auto& b : s.bounds) f.evidence["bounds"].push_back(to_json(b));
    f.evidence["notes"] = s.notes;
    out.push_back(std::move(f));
  };
  std::optional<double> t0, t1;
  for (const auto& s : r.segments) {
    if (!s.start_s) continue;
    t0 = t0 ? std::min(*t0, *s.start_s) : *s.start_s;
    t1 = t1 ? std::max(*t1, *s.end_s) : *s.end_s;
  }
  window_finding(r.overall, "content.date_window", t0.value_or(0), t1.value_or(0), "Statement",
                 r.used);
  if (r.segment_count > 1) {
    std::size_t emitted = 0;
    for (const auto& s : r.segments) {
      if (++emitted > kMaxSegmentFindings) break;
      window_finding(s.solution, "content.segment_window", s.start_s.value_or(0), s.end_s.value_or(0),
                     fmt::format("Segment {}", s.segment + 1), s.references);
    }
  }
  auto conflict_finding = [&](const Conflict& c, const std::string& detector, double strength) {
    Finding f;
    f.kind = "inconsistency";
    f.detector = detector;
    const auto [lo, hi] = span_of({&c.lower, &c.upper});
    f.start_s = lo;
    f.end_s = hi;
    f.strength = strength;
    f.summary = fmt::format("{} says {}, but {} says {}", quoted(c.lower), bound_phrase(c.lower), quoted(c.upper),
                            bound_phrase(c.upper));
    f.method = c.kind == "segments"
                   ? "Per-segment date windows compared: one segment must have been recorded before another "
                     "could have been (a later voice-over, a splice, or recycled audio)."
                   : "Date-window solver: two bounds from the transcript (or the release date) cannot both hold.";
    f.parameters = parameters;
    f.evidence = to_json(c);
    out.push_back(std::move(f));
  };
  for (const auto& c : r.overall.conflicts) {
    conflict_finding(c, "content.contradiction", c.kind == "hard" ? 0.9 : c.kind == "soft" ? 0.5 : 0.4);
  }
  for (const auto& c : r.segment_conflicts) conflict_finding(c, "content.segment_overlap", 0.7);
  return out;
}

}  // namespace prov::content

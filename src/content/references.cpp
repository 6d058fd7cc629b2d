#include "content/references.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "content/date_mentions.h"
#include "content/greetings.h"
#include "content/modality.h"
#include "content/relative_time.h"
#include "content/utf8_text.h"
#include "core/error.h"

namespace prov::content {
namespace {

// Words between an entity and its predicate. Arabic puts the verb first and
// strings nouns together ("سيطرة مقاتلي الدولة الإسلامية على مدينة الموصل"),
// so it is allowed further.
constexpr std::size_t kPredicateReachLatin = 6;
constexpr std::size_t kPredicateReachArabic = 9;
constexpr std::size_t kMaxSentenceQuote = 320;  // bytes of sentence shown in a citation

bool is_latin_article(const std::string& key) {
  static const std::set<std::string> articles{"al", "el", "ar", "as", "ash", "ad", "an",
                                              "at", "az", "adh", "ath", "ul"};
  return articles.count(key) > 0;
}

std::string collapse_whitespace(std::string_view text) {
  std::string out;
  bool space = false;
  for (char c : text) {
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

// Trims to at most `limit` bytes without cutting a UTF-8 sequence.
std::string clip_utf8(std::string text, std::size_t limit) {
  if (text.size() <= limit) return text;
  std::size_t cut = limit;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  text.resize(cut);
  return text + "…";
}

// Splits "fall of {mosul} and {raqqa}" into literal text and entity slots.
struct CuePart {
  bool slot = false;
  std::string text;
};

std::vector<CuePart> split_cue(const std::string& cue) {
  std::vector<CuePart> parts;
  std::size_t pos = 0;
  while (pos < cue.size()) {
    const auto open = cue.find('{', pos);
    if (open == std::string::npos) {
      parts.push_back({false, cue.substr(pos)});
      break;
    }
    const auto close = cue.find('}', open);
    if (close == std::string::npos) throw std::runtime_error("unclosed '{' in cue '" + cue + "'");
    if (open > pos) parts.push_back({false, cue.substr(pos, open - pos)});
    parts.push_back({true, cue.substr(open + 1, close - open - 1)});
    pos = close + 1;
  }
  return parts;
}

struct Bounds {
  std::optional<Day> lower, upper, likely_lower, likely_upper;
};

// The recording-date bounds a relation to an event interval sets.
Bounds bounds_for(Relation relation, DayRange happened, std::optional<DayRange> ended) {
  Bounds b;
  switch (relation) {
    case Relation::after:
      b.lower = happened.earliest;
      b.likely_lower = happened.latest;
      break;
    case Relation::before:
      b.upper = happened.latest;
      b.likely_upper = happened.earliest;
      break;
    case Relation::during:
      b.lower = happened.earliest;
      b.likely_lower = happened.latest;
      if (ended) {  // a state still holding (no end) bounds only from below
        b.upper = ended->latest;
        b.likely_upper = ended->earliest;
      }
      break;
  }
  return b;
}

struct Reading {
  std::string rule;
  Relation relation;
  bool hard;
  Bounds bounds;
};

std::optional<Reading> read_mention_as_written(const Event& e, const Cue* cue, Tense tense);

// How a mention of `e` in tense `tense` bounds the recording date; nullopt
// when the wording says nothing usable (e.g. "will never fall"). A state
// named plainly ("the battle of Tora Bora") may be remembered long after it
// ended: only "continues", "still" and the like make its end a bound.
std::optional<Reading> read_mention(const Event& e, const Cue* cue, Tense tense) {
  auto r = read_mention_as_written(e, cue, tense);
  if (r && r->relation == Relation::during && tense != Tense::ongoing && !(cue && cue->relation) &&
      e.kind != EventKind::holiday && r->bounds.upper) {
    r->bounds.upper.reset();
    r->bounds.likely_upper.reset();
  }
  return r;
}

std::optional<Reading> read_mention_as_written(const Event& e, const Cue* cue, Tense tense) {
  const bool is_state = e.end.has_value() || e.kind == EventKind::state;
  // "During" a point event means on its day(s); during a state, until its end.
  const std::optional<DayRange> until = is_state ? e.end : std::optional<DayRange>(e.start);
  if (e.kind == EventKind::holiday) {
    return Reading{"season.hijri", Relation::during, false, {}};
  }
  if (cue && cue->relation) {
    const Relation r = *cue->relation;
    const bool hard = cue->hard.value_or(e.hard);
    const DayRange span = r == Relation::after && e.end ? *e.end : e.start;
    return Reading{"cue." + to_string(r), r, hard,
                   bounds_for(r, r == Relation::during ? e.start : span, until)};
  }
  const bool hard = cue && cue->hard ? *cue->hard : e.hard;
  if (!e.tense_sensitive) {
    // A name or term is not denied by a negation nearby ("what they call
    // Decisive Storm is nothing but a play"); a death or event is.
    if ((tense == Tense::negated || tense == Tense::negated_future) && e.kind != EventKind::term) return std::nullopt;
    const DayRange span = e.implies == Relation::after && e.end && e.kind != EventKind::term ? *e.end : e.start;
    return Reading{"mention." + to_string(e.implies), e.implies, hard,
                   bounds_for(e.implies, e.implies == Relation::during ? e.start : span, until)};
  }
  switch (tense) {
    case Tense::negated_future:
    case Tense::future:
    case Tense::hypothetical:
      return std::nullopt;  // read by content/modality.h before this point
    case Tense::negated:
      // "Raqqa has not fallen" is said after the fact too: soft at most.
      if (is_state) {
        if (!e.end) return std::nullopt;
        return Reading{"mention.negated", Relation::before, false, bounds_for(Relation::before, *e.end, {})};
      }
      return Reading{"mention.negated", Relation::before, false, bounds_for(Relation::before, e.start, {})};
    case Tense::completed:
      if (is_state && e.end) {
        return Reading{"mention.completed", Relation::after, hard, bounds_for(Relation::after, *e.end, {})};
      }
      return Reading{"mention.completed", e.implies, hard, bounds_for(e.implies, e.start, until)};
    case Tense::ongoing:
      if (is_state) {
        return Reading{"mention.ongoing", Relation::during, hard, bounds_for(Relation::during, e.start, until)};
      }
      return Reading{"mention.ongoing", Relation::after, hard, bounds_for(Relation::after, e.start, {})};
    case Tense::plain:
      break;
  }
  return Reading{"mention." + to_string(e.implies), e.implies, hard, bounds_for(e.implies, e.start, until)};
}

struct SegmentText {
  const Transcript& transcript;
  const CodePointIndex& char_index;
  const Segment& segment;
  const std::vector<Token>& tokens;
  std::vector<std::size_t> sentence_begin;  // per token: first token of its sentence
  std::vector<std::size_t> sentence_end;    // per token: one past its sentence's last token
  std::vector<std::size_t> clause_begin;    // per token: first token of its clause (commas, colons, dashes)
  std::vector<std::size_t> clause_end;      // per token: one past the last token of its clause
  std::vector<std::pair<std::size_t, std::size_t>> editorial;  // bracketed notes, byte ranges

  SegmentText(const Transcript& t, const CodePointIndex& chars, const Segment& s, const std::vector<Token>& toks)
      : transcript(t), char_index(chars), segment(s), tokens(toks), sentence_begin(toks.size()), sentence_end(toks.size()),
        clause_begin(toks.size()), clause_end(toks.size()), editorial(editorial_spans(t.segment_text(s), s.begin)) {
    std::size_t i = 0;
    while (i < toks.size()) {
      std::size_t j = i;
      while (j < toks.size() && toks[j].sentence == toks[i].sentence) ++j;
      for (std::size_t k = i; k < j; ++k) {
        sentence_begin[k] = i;
        sentence_end[k] = j;
      }
      i = j;
    }
    const std::string_view text(t.text);
    for (std::size_t k = 0; k < toks.size(); ++k) {
      clause_begin[k] = k;
      if (k == 0 || sentence_begin[k] == k) continue;
      const auto gap = text.substr(toks[k - 1].end, toks[k].begin - toks[k - 1].end);
      const bool breaks = gap.find_first_of(",:()\"") != std::string_view::npos ||
                          gap.find("\xD8\x8C") != std::string_view::npos ||   // Arabic comma
                          gap.find("\xE2\x80\x94") != std::string_view::npos ||  // em dash
                          gap.find("\xE2\x80\x93") != std::string_view::npos;    // en dash
      if (!breaks) clause_begin[k] = clause_begin[k - 1];
    }
    for (std::size_t k = toks.size(); k-- > 0;) {
      const bool last = k + 1 == toks.size() || clause_begin[k + 1] == k + 1;
      clause_end[k] = last ? k + 1 : clause_end[k + 1];
    }
  }

  bool is_editorial(std::size_t token) const {
    for (const auto& [a, b] : editorial) {
      if (tokens[token].begin >= a && tokens[token].begin < b) return true;
    }
    return false;
  }

  Quote quote(std::size_t first, std::size_t end) const {
    Quote q;
    q.segment = segment.index;
    q.start_s = segment.start_s;
    q.end_s = segment.end_s;
    q.byte_begin = tokens[first].begin;
    q.byte_end = tokens[end - 1].end;
    const std::string_view text(transcript.text);
    q.char_begin = char_index(q.byte_begin);
    q.char_end = char_index(q.byte_end);
    q.matched = collapse_whitespace(text.substr(q.byte_begin, q.byte_end - q.byte_begin));
    const std::size_t s0 = tokens[sentence_begin[first]].begin;
    std::size_t s1 = tokens[sentence_end[first] - 1].end;
    // Keep the sentence's closing punctuation.
    while (s1 < segment.end && s1 < text.size() && std::string_view(".!?").find(text[s1]) != std::string_view::npos) ++s1;
    q.sentence = clip_utf8(collapse_whitespace(text.substr(s0, s1 - s0)), kMaxSentenceQuote);
    return q;
  }
};

bool keys_match_at(const CandidateLists& candidates, std::size_t at, std::size_t limit,
                   const std::vector<std::string>& keys, bool& future) {
  if (at + keys.size() > limit) return false;
  bool fut = false;
  for (std::size_t k = 0; k < keys.size(); ++k) {
    bool ok = false;
    for (const auto& c : candidates[at + k]) {
      if (c.key == keys[k]) {
        ok = true;
        fut = fut || c.future_prefix;
        break;
      }
    }
    if (!ok) return false;
  }
  future = fut;
  return true;
}

}  // namespace

ReferenceIndex::ReferenceIndex(Timeline timeline, Gazetteer gazetteer)
    : timeline_(std::move(timeline)), gazetteer_(std::move(gazetteer)) {
  for (auto& greeting : builtin_greetings()) timeline_.events.push_back(std::move(greeting));
  entity_aliases_.resize(gazetteer_.entities.size());
  entity_events_.resize(gazetteer_.entities.size());
  for (uint32_t i = 0; i < gazetteer_.entities.size(); ++i) {
    const Entity& entity = gazetteer_.entities[i];
    entity_index_.emplace(entity.id, i);
    std::set<std::vector<std::string>> variants;
    for (const auto& alias : entity.aliases) {
      auto keys = phrase_keys(alias);
      if (keys.empty()) continue;
      if (keys.size() > 1 && is_latin_article(keys.front())) {
        variants.insert(std::vector<std::string>(keys.begin() + 1, keys.end()));
      }
      variants.insert(std::move(keys));
    }
    entity_aliases_[i].assign(variants.begin(), variants.end());
    for (const auto& keys : entity_aliases_[i]) trie_.add(keys, make_payload(PhraseKind::entity, i));
  }
  predicate_keys_.resize(timeline_.events.size());
  for (uint32_t e = 0; e < timeline_.events.size(); ++e) {
    const Event& event = timeline_.events[e];
    if (!event.predicates.empty()) {
      for (const auto& entity : event.entities) {
        const auto it = entity_index_.find(entity);
        if (it == entity_index_.end()) {
          throw InputError(fmt::format("{}: line {}: event '{}' names entity '{}', which is not in the gazetteer{}",
                                       event.file.empty() ? timeline_.source : event.file, event.line, event.id,
                                       entity, gazetteer_.source.empty() ? "" : " " + gazetteer_.source));
        }
        entity_events_[it->second].push_back(e);
      }
      for (const auto& p : event.predicates) {
        auto keys = phrase_keys(p);
        if (keys.empty()) continue;
        auto stems = phrase_stem_keys(p);
        predicate_keys_[e].push_back(std::move(keys));
        if (stems != predicate_keys_[e].back()) predicate_keys_[e].push_back(std::move(stems));
      }
    }
    for (uint32_t c = 0; c < event.cues.size(); ++c) add_cue_phrases(e, c);
  }
  add_calendar_phrases(trie_);
}

std::vector<std::vector<std::string>> ReferenceIndex::alias_keys(const std::string& entity_id,
                                                                 const Event& event) const {
  const auto it = entity_index_.find(entity_id);
  if (it == entity_index_.end()) {
    throw InputError(fmt::format("{}: line {}: cue of event '{}' names entity '{}', which is not in the gazetteer",
                                 event.file.empty() ? timeline_.source : event.file, event.line, event.id, entity_id));
  }
  return entity_aliases_[it->second];
}

void ReferenceIndex::add_cue_phrases(uint32_t event_index, uint32_t cue_index) {
  const Event& event = timeline_.events[event_index];
  std::vector<CuePart> parts;
  try {
    parts = split_cue(event.cues[cue_index].text);
  } catch (const std::exception& e) {
    throw InputError(fmt::format("{}: line {}: {}", event.file.empty() ? timeline_.source : event.file, event.line,
                                 e.what()));
  }
  // Cartesian product of alias spellings over the slots, capped.
  std::vector<std::vector<std::string>> phrases{{}};
  for (const auto& part : parts) {
    std::vector<std::vector<std::string>> options;
    if (part.slot) {
      options = alias_keys(part.text, event);
    } else {
      options.push_back(cue_keys(part.text));
    }
    std::vector<std::vector<std::string>> next;
    for (const auto& prefix : phrases) {
      for (const auto& option : options) {
        if (next.size() >= 256) break;
        auto combined = prefix;
        combined.insert(combined.end(), option.begin(), option.end());
        next.push_back(std::move(combined));
      }
    }
    phrases = std::move(next);
  }
  const auto id = static_cast<uint32_t>(cues_.size());
  cues_.push_back({event_index, cue_index});
  for (const auto& keys : phrases) trie_.add(keys, make_payload(PhraseKind::cue, id));
}

std::string to_string(Verdict verdict) {
  switch (verdict) {
    case Verdict::kept: return "kept";
    case Verdict::softened: return "softened";
    case Verdict::dropped: return "dropped";
  }
  return "kept";
}

std::string normalise_side(const std::string& side) {
  std::string out;
  for (char c : side) {
    if (c == ' ' || c == '_') c = '-';
    out.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c));
  }
  return out;
}

std::vector<Reference> ReferenceIndex::find(const Transcript& transcript, const MentionContext& context,
                                            std::size_t limit) const {
  const std::string speaker_side = normalise_side(context.speaker_side);
  std::vector<Reference> out;
  std::vector<PhraseHit> hits;
  const CodePointIndex char_index(transcript.text);
  for (const Segment& segment : transcript.segments) {
    if (out.size() >= limit) break;
    const auto tokens = tokenize(transcript.segment_text(segment), segment.begin);
    if (tokens.empty()) continue;
    const auto candidates = candidate_lists(tokens);
    SegmentText seg(transcript, char_index, segment, tokens);
    hits.clear();
    trie_.find(candidates, 0, tokens.size(), hits);
    std::set<std::pair<uint32_t, std::size_t>> seen;  // (event, sentence start)

    auto add_event_reference = [&](uint32_t event_index, const Cue* cue, std::size_t first,
                                   std::size_t end, bool future_prefix, const char* via) {
      const std::size_t lo = seg.sentence_begin[first];
      if (!seen.insert({event_index, lo}).second) return;
      const Event& e = timeline_.events[event_index];
      Reference r;
      r.event = &e;
      r.label = e.label;
      r.via = via;
      r.quote = seg.quote(first, end);
      auto drop = [&](const std::string& rule, const std::string& reason) {
        r.rule = rule;
        r.hard = false;
        r.verdict = Verdict::dropped;
        r.reason = reason;
        out.push_back(std::move(r));
      };
      if (seg.is_editorial(first)) return drop("editorial", "inside an editorial bracket: not the speaker's words");
      // Tense words after the mention count only up to the end of its clause.
      const std::size_t tense_hi = std::max(end, std::min(seg.sentence_end[first], seg.clause_end[end - 1]));
      const Tense tense = detect_tense(tokens, candidates, lo, tense_hi, first, end, future_prefix);
      r.tense = tense;
      bool claimed = false;
      if (e.kind != EventKind::holiday) {
        const MentionSpan span{lo, seg.sentence_end[first], seg.clause_begin[first], first, end};
        const auto m = read_modality(tokens, candidates, span, future_prefix);
        r.modality = to_string(m.modality);
        const std::string marker = fmt::format("'{}'", m.marker);
        switch (m.modality) {
          case Modality::reported:
          case Modality::denied:
            if (e.kind == EventKind::claim) {
              // The claim itself is the event; but claims of a death are
              // often made more than once, so it bounds softly.
              claimed = true;
              break;
            }
            return drop("mention." + r.modality,
                        fmt::format("{} ({}): a claim or denial of the event, not the event", r.modality, marker));
          case Modality::conditional:
          case Modality::wish:
          case Modality::future:
            return drop("mention." + r.modality,
                        fmt::format("{} ({}): says nothing about whether it happened", r.modality, marker));
          case Modality::deadline:
            r.rule = "mention.deadline";
            r.relation = Relation::before;
            r.hard = false;
            r.upper = r.likely_upper = e.start.latest;
            r.verdict = Verdict::softened;
            r.reason = fmt::format("deadline ({}): at most before it, soft", marker);
            out.push_back(std::move(r));
            return;
          case Modality::asserted:
            break;
        }
      }
      auto reading = read_mention(e, cue, tense);
      if (reading && claimed && reading->hard) {
        reading->hard = false;
        r.verdict = Verdict::softened;
        r.reason = "a reported claim: such claims are often repeated, so the claim's date is soft";
      }
      if (!reading) {
        return drop("mention." + to_string(tense), fmt::format("{} wording: no bound", to_string(tense)));
      }
      r.rule = reading->rule;
      r.relation = reading->relation;
      r.hard = reading->hard;
      r.lower = reading->bounds.lower;
      r.upper = reading->bounds.upper;
      r.likely_lower = reading->bounds.likely_lower;
      r.likely_upper = reading->bounds.likely_upper;
      if (tense == Tense::negated && e.hard) {
        r.verdict = Verdict::softened;
        r.reason = "negated: such denials are also made after the fact";
      }
      if (!e.sides.empty() && e.kind != EventKind::holiday) {
        std::string acted;
        bool ours = false;
        for (const auto& side : e.sides) {
          acted += (acted.empty() ? "" : "/") + side;
          ours = ours || normalise_side(side) == speaker_side;
        }
        if (speaker_side.empty()) {
          if (r.hard) {
            r.hard = false;
            r.verdict = Verdict::softened;
            r.reason = fmt::format("perspective: taken by {}; the speaker's side is unknown (--speaker-side)", acted);
          }
        } else if (!ours) {
          return drop("perspective", fmt::format("perspective: taken by {}, not by the speaker's side {}", acted,
                                                 speaker_side));
        }
      }
      if (e.kind == EventKind::holiday) r.season = e.hijri;
      // "two years after ...", "the fifth anniversary of ...": soft bounds
      // shifted from the event's own.
      if (e.kind != EventKind::holiday) {
        if (const auto rel = find_relative_time(tokens, candidates, lo, first)) {
          if (rel->anniversary) {
            // An anniversary is after the event began, around its date N years on.
            r.relation = Relation::after;
            r.lower = e.start.earliest;
            r.upper.reset();
            r.likely_lower = e.start.earliest + rel->days - rel->tolerance_days;
            r.likely_upper = (e.end ? e.end->latest : e.start.latest) + rel->days + rel->tolerance_days;
            r.rule = "mention.anniversary";
          } else if (r.relation == Relation::after && r.lower) {
            r.likely_lower = *r.lower + rel->days - rel->tolerance_days;
            r.rule += "+relative";
          }
        }
      }
      out.push_back(std::move(r));
    };

    // Cue phrases first: they are the most specific wording.
    for (const auto& hit : hits) {
      if (payload_kind(hit.payload) != PhraseKind::cue) continue;
      const CueRef& ref = cues_[payload_id(hit.payload)];
      add_event_reference(ref.event, &timeline_.events[ref.event].cues[ref.cue], hit.first, hit.end,
                          hit.future_prefix, "cue");
    }
    // Entity + predicate nearby in the same sentence ("Raqqa has not fallen").
    std::vector<std::pair<std::size_t, std::size_t>> predicate_refs;  // (reference, predicate token)
    for (const auto& hit : hits) {
      if (payload_kind(hit.payload) != PhraseKind::entity) continue;
      const auto& events = entity_events_[payload_id(hit.payload)];
      if (events.empty()) continue;
      const std::size_t reach =
          tokens[hit.first].script == Script::arabic ? kPredicateReachArabic : kPredicateReachLatin;
      const std::size_t lo = std::max(seg.sentence_begin[hit.first], hit.first >= reach ? hit.first - reach : 0);
      const std::size_t hi = std::min(seg.sentence_end[hit.first], hit.end + reach);
      for (uint32_t event_index : events) {
        bool found = false;
        for (std::size_t at = lo; at < hi && !found; ++at) {
          if (at >= hit.first && at < hit.end) continue;
          for (const auto& keys : predicate_keys_[event_index]) {
            bool future = false;
            if (!keys_match_at(candidates, at, hi, keys, future)) continue;
            const std::size_t first = std::min<std::size_t>(hit.first, at);
            const std::size_t end = std::max<std::size_t>(hit.end, at + keys.size());
            const std::size_t before = out.size();
            add_event_reference(event_index, nullptr, first, end, future, "entity+predicate");
            if (out.size() > before) predicate_refs.emplace_back(before, at);
            found = true;
            break;
          }
        }
      }
    }
    // The same predicate word fits several events ("stormed Fallujah" in 2004
    // and 2016, "the raid on Charlie Hebdo in Paris"): only the earliest lower
    // bound can be hard.
    std::sort(predicate_refs.begin(), predicate_refs.end(),
              [](const auto& x, const auto& y) { return x.second < y.second; });
    for (std::size_t i = 0; i < predicate_refs.size();) {
      std::size_t j = i;
      while (j < predicate_refs.size() && predicate_refs[j].second == predicate_refs[i].second) ++j;
      std::optional<Day> earliest;
      std::string earliest_id;
      auto bounding = [&](const Reference& r) {
        return r.verdict != Verdict::dropped && r.hard && r.lower && r.relation != Relation::before;
      };
      for (std::size_t k = i; k < j; ++k) {
        const Reference& r = out[predicate_refs[k].first];
        if (bounding(r) && (!earliest || *r.lower < *earliest)) {
          earliest = r.lower;
          earliest_id = r.event->id;
        }
      }
      for (std::size_t k = i; k < j && earliest; ++k) {
        Reference& r = out[predicate_refs[k].first];
        if (!bounding(r) || *r.lower <= *earliest) continue;
        r.hard = false;
        r.verdict = Verdict::dropped;
        r.lower.reset();
        r.upper.reset();
        r.likely_lower.reset();
        r.likely_upper.reset();
        r.reason = fmt::format("ambiguous: the same words fit '{}', which is earlier", earliest_id);
      }
      i = j;
    }
    // Dates written out.
    for (const auto& date : find_dates(tokens, hits, transcript.segment_text(segment), segment.begin)) {
      const std::size_t lo = seg.sentence_begin[date.first];
      const Tense tense = detect_tense(tokens, candidates, lo, seg.sentence_end[date.first], date.first,
                                       date.end, false, 5);
      Reference r;
      r.label = date.reading;
      r.tense = tense;
      r.hard = false;
      r.via = "date";
      r.quote = seg.quote(date.first, date.end);
      const std::string calendar = date.hijri ? "hijri" : "gregorian";
      const MentionSpan span{lo, seg.sentence_end[date.first], seg.clause_begin[date.first], date.first, date.end};
      const auto m = read_modality(tokens, candidates, span, false);
      r.modality = to_string(m.modality);
      if (seg.is_editorial(date.first) || m.modality == Modality::reported || m.modality == Modality::denied ||
          m.modality == Modality::wish) {
        r.rule = seg.is_editorial(date.first) ? "editorial" : "date." + r.modality;
        r.verdict = Verdict::dropped;
        r.reason = seg.is_editorial(date.first) ? "inside an editorial bracket: not the speaker's words"
                                                 : fmt::format("{} ('{}'): no bound", r.modality, m.marker);
      } else if (date.today) {
        r.rule = "date.today." + calendar;
        r.relation = Relation::during;
        r.lower = r.likely_lower = date.range.earliest;
        r.upper = r.likely_upper = date.range.latest;
      } else if (tense == Tense::future || tense == Tense::hypothetical || m.modality == Modality::future ||
                 m.modality == Modality::conditional || m.modality == Modality::deadline) {
        r.rule = "date.future." + calendar;
        r.relation = Relation::before;
        r.upper = r.likely_upper = date.range.latest;
      } else if (tense == Tense::negated || tense == Tense::negated_future) {
        r.rule = "date.negated";
        r.verdict = Verdict::dropped;
        r.reason = "negated: no bound";
      } else {
        r.rule = "date.mentioned." + calendar;
        r.relation = Relation::after;
        r.lower = r.likely_lower = date.range.earliest;
      }
      out.push_back(std::move(r));
    }
  }
  return out;
}

}  // namespace prov::content

#include "content/references.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "content/date_mentions.h"
#include "content/greetings.h"
#include "content/relative_time.h"
#include "content/utf8_text.h"
#include "core/error.h"

namespace prov::content {
namespace {

constexpr std::size_t kPredicateReach = 5;  // tokens between an entity and its predicate
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

// How a mention of `e` in tense `tense` bounds the recording date; nullopt
// when the wording says nothing usable (e.g. "will never fall").
std::optional<Reading> read_mention(const Event& e, const Cue* cue, Tense tense) {
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
    const DayRange span = e.implies == Relation::after && e.end && e.kind != EventKind::term ? *e.end : e.start;
    return Reading{"mention." + to_string(e.implies), e.implies, hard,
                   bounds_for(e.implies, e.implies == Relation::during ? e.start : span, until)};
  }
  switch (tense) {
    case Tense::negated_future:
      return std::nullopt;
    case Tense::future:
      // Plans and threats are often repeated after the fact: soft only.
      return Reading{"mention.future", Relation::before, false, bounds_for(Relation::before, e.start, {})};
    case Tense::hypothetical:
      return Reading{"mention.hypothetical", Relation::before, false,
                     bounds_for(Relation::before, is_state && e.end ? *e.end : e.start, {})};
    case Tense::negated:
      if (is_state) {
        if (!e.end) return std::nullopt;
        return Reading{"mention.negated", Relation::before, hard, bounds_for(Relation::before, *e.end, {})};
      }
      return Reading{"mention.negated", Relation::before, hard, bounds_for(Relation::before, e.start, {})};
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

  SegmentText(const Transcript& t, const CodePointIndex& chars, const Segment& s, const std::vector<Token>& toks)
      : transcript(t), char_index(chars), segment(s), tokens(toks), sentence_begin(toks.size()), sentence_end(toks.size()) {
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
      const auto it = entity_index_.find(event.entity);
      if (it == entity_index_.end()) {
        throw InputError(fmt::format("{}: line {}: event '{}' names entity '{}', which is not in the gazetteer{}",
                                     timeline_.source, event.line, event.id, event.entity,
                                     gazetteer_.source.empty() ? "" : " " + gazetteer_.source));
      }
      entity_events_[it->second].push_back(e);
      for (const auto& p : event.predicates) {
        auto keys = phrase_keys(p);
        if (!keys.empty()) predicate_keys_[e].push_back(std::move(keys));
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
                                 timeline_.source, event.line, event.id, entity_id));
  }
  return entity_aliases_[it->second];
}

void ReferenceIndex::add_cue_phrases(uint32_t event_index, uint32_t cue_index) {
  const Event& event = timeline_.events[event_index];
  std::vector<CuePart> parts;
  try {
    parts = split_cue(event.cues[cue_index].text);
  } catch (const std::exception& e) {
    throw InputError(fmt::format("{}: line {}: {}", timeline_.source, event.line, e.what()));
  }
  // Cartesian product of alias spellings over the slots, capped.
  std::vector<std::vector<std::string>> phrases{{}};
  for (const auto& part : parts) {
    std::vector<std::vector<std::string>> options;
    if (part.slot) {
      options = alias_keys(part.text, event);
    } else {
      options.push_back(phrase_keys(part.text));
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

std::vector<Reference> ReferenceIndex::find(const Transcript& transcript, std::size_t limit) const {
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
                                   std::size_t end, bool future_prefix) {
      const std::size_t lo = seg.sentence_begin[first];
      if (!seen.insert({event_index, lo}).second) return;
      const Event& e = timeline_.events[event_index];
      const Tense tense = detect_tense(tokens, candidates, lo, seg.sentence_end[first], first, end, future_prefix);
      const auto reading = read_mention(e, cue, tense);
      if (!reading) return;
      Reference r;
      r.rule = reading->rule;
      r.event = &e;
      r.label = e.label;
      r.tense = tense;
      r.relation = reading->relation;
      r.hard = reading->hard;
      r.lower = reading->bounds.lower;
      r.upper = reading->bounds.upper;
      r.likely_lower = reading->bounds.likely_lower;
      r.likely_upper = reading->bounds.likely_upper;
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
      r.quote = seg.quote(first, end);
      out.push_back(std::move(r));
    };

    // Cue phrases first: they are the most specific wording.
    for (const auto& hit : hits) {
      if (payload_kind(hit.payload) != PhraseKind::cue) continue;
      const CueRef& ref = cues_[payload_id(hit.payload)];
      add_event_reference(ref.event, &timeline_.events[ref.event].cues[ref.cue], hit.first, hit.end,
                          hit.future_prefix);
    }
    // Entity + predicate nearby in the same sentence ("Raqqa has not fallen").
    for (const auto& hit : hits) {
      if (payload_kind(hit.payload) != PhraseKind::entity) continue;
      const auto& events = entity_events_[payload_id(hit.payload)];
      if (events.empty()) continue;
      const std::size_t lo = std::max(seg.sentence_begin[hit.first],
                                      hit.first >= kPredicateReach ? hit.first - kPredicateReach : 0);
      const std::size_t hi = std::min(seg.sentence_end[hit.first], hit.end + kPredicateReach);
      for (uint32_t event_index : events) {
        bool found = false;
        for (std::size_t at = lo; at < hi && !found; ++at) {
          if (at >= hit.first && at < hit.end) continue;
          for (const auto& keys : predicate_keys_[event_index]) {
            bool future = false;
            if (!keys_match_at(candidates, at, hi, keys, future)) continue;
            const std::size_t first = std::min<std::size_t>(hit.first, at);
            const std::size_t end = std::max<std::size_t>(hit.end, at + keys.size());
            add_event_reference(event_index, nullptr, first, end, future);
            found = true;
            break;
          }
        }
      }
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
      const std::string calendar = date.hijri ? "hijri" : "gregorian";
      if (date.today) {
        r.rule = "date.today." + calendar;
        r.relation = Relation::during;
        r.lower = r.likely_lower = date.range.earliest;
        r.upper = r.likely_upper = date.range.latest;
      } else if (tense == Tense::future || tense == Tense::hypothetical) {
        r.rule = "date.future." + calendar;
        r.relation = Relation::before;
        r.upper = r.likely_upper = date.range.latest;
      } else if (tense == Tense::negated || tense == Tense::negated_future) {
        continue;
      } else {
        r.rule = "date.mentioned." + calendar;
        r.relation = Relation::after;
        r.lower = r.likely_lower = date.range.earliest;
      }
      r.quote = seg.quote(date.first, date.end);
      out.push_back(std::move(r));
    }
  }
  return out;
}

}  // namespace prov::content

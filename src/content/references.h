#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "content/gazetteer.h"
#include "content/phrase_trie.h"
#include "content/tense.h"
#include "content/timeline.h"
#include "content/transcript.h"

namespace prov::content {

// Where a reference sits in the transcript, for citation.
struct Quote {
  int segment = 0;
  std::optional<double> start_s;  // segment time, when the transcript has times
  std::optional<double> end_s;
  std::size_t byte_begin = 0;  // the matched words, bytes in the transcript file
  std::size_t byte_end = 0;
  std::size_t char_begin = 0;  // the same in code points
  std::size_t char_end = 0;
  std::string matched;   // the matched words as written
  std::string sentence;  // the sentence around them, whitespace collapsed
};

// What became of a candidate mention: its bounds kept as read, kept but soft,
// or dropped (no bounds). `Reference::reason` says why.
enum class Verdict { kept, softened, dropped };
std::string to_string(Verdict verdict);

// Who is speaking, for events whose meaning depends on the side that acted
// ("liberated", "fell", "تحرير", "سقوط").
struct MentionContext {
  std::string speaker_side;  // normalised side name; empty when unknown
};

// "Islamic State", "islamic_state" -> "islamic-state".
std::string normalise_side(const std::string& side);

// One passage that says something about when the recording was made.
struct Reference {
  std::string rule;              // mention.completed, cue.after, date.hijri, season.hijri, ...
  const Event* event = nullptr;  // null for explicit dates
  std::string label;             // the event, or the date as read
  Tense tense = Tense::plain;
  Relation relation = Relation::after;
  bool hard = true;
  // Recording-date bounds this passage sets; the "likely" ones are the
  // narrower reading (e.g. after the last day the event may have happened).
  std::optional<Day> lower, upper, likely_lower, likely_upper;
  std::vector<HijriSpan> season;  // holiday greetings: recurring Hijri spans
  Quote quote;
  std::string via;                    // cue, entity+predicate, date
  std::string modality = "asserted";  // content/modality.h
  Verdict verdict = Verdict::kept;
  std::string reason;  // why softened or dropped: reported, denied, future, perspective, editorial, ...
};

// Index of a timeline and gazetteer for finding references in transcripts.
// Cue phrases and entity aliases are expanded into normalised key sequences
// held in one trie; predicates are looked up only next to their entity.
class ReferenceIndex {
 public:
  // Throws InputError when a cue or event names an entity the gazetteer lacks.
  // Ramadan and Eid greetings (content/greetings.h) are added to the events.
  // References point into the index's events: keep the index while using them.
  ReferenceIndex(Timeline timeline, Gazetteer gazetteer);
  // Stops after `limit` references (a hostile or runaway transcript).
  // Every candidate mention is returned, dropped ones included (they carry no
  // bounds), so that an examiner can see near-misses.
  std::vector<Reference> find(const Transcript& transcript, const MentionContext& context,
                              std::size_t limit = kMaxReferences) const;
  std::vector<Reference> find(const Transcript& transcript, std::size_t limit = kMaxReferences) const {
    return find(transcript, MentionContext{}, limit);
  }
  static constexpr std::size_t kMaxReferences = 20000;

  const Timeline& timeline() const { return timeline_; }
  const Gazetteer& gazetteer() const { return gazetteer_; }
  std::size_t phrase_count() const { return trie_.phrase_count(); }

 private:
  struct CueRef {
    uint32_t event;
    uint32_t cue;
  };
  void add_cue_phrases(uint32_t event_index, uint32_t cue_index);
  std::vector<std::vector<std::string>> alias_keys(const std::string& entity_id, const Event& event) const;

  Timeline timeline_;
  Gazetteer gazetteer_;
  PhraseTrie trie_;
  std::vector<CueRef> cues_;
  std::unordered_map<std::string, uint32_t> entity_index_;
  std::vector<std::vector<std::vector<std::string>>> entity_aliases_;  // entity -> alias keys
  std::vector<std::vector<uint32_t>> entity_events_;                   // entity -> events with predicates
  std::vector<std::vector<std::vector<std::string>>> predicate_keys_;  // event -> predicate keys
};

// Payload kinds in the trie (top 4 bits of the payload).
enum class PhraseKind : uint32_t { cue = 1, entity, gregorian_month, hijri_month, hijri_marker, today };
constexpr uint32_t make_payload(PhraseKind kind, uint32_t id) {
  return (static_cast<uint32_t>(kind) << 28) | id;
}
constexpr PhraseKind payload_kind(uint32_t payload) { return static_cast<PhraseKind>(payload >> 28); }
constexpr uint32_t payload_id(uint32_t payload) { return payload & 0x0FFFFFFFu; }

}  // namespace prov::content

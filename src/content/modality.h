#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include "content/phrase_trie.h"
#include "content/tokens.h"

namespace prov::content {

// What the sentence around a mention says about the speaker's stance towards
// it, beyond tense: whether the speaker asserts it at all.
enum class Modality {
  asserted,     // the speaker states it
  reported,     // someone else's claim: "they claim", "according to", "زعموا", "حسب"
  denied,       // "they lie", "liars", "كذبوا", "خسئوا"
  conditional,  // "if", "had they", "would", "لو", "إذا"
  wish,         // "may God grant", "we hope", "ليت", "نسأل الله أن"
  future,       // "will", "going to", "preparing to", "سوف", "لن", the sa- prefix
  deadline,     // "before", "until", "قبل", "حتى": a time limit, not an event past
};

std::string to_string(Modality modality);

struct ModalityReading {
  Modality modality = Modality::asserted;
  std::string marker;  // the word that set it, as written in the text
};

// Token ranges of one sentence and of the clause (between commas, colons,
// dashes) that holds the mention [first, end).
struct MentionSpan {
  std::size_t sentence_lo = 0, sentence_hi = 0;
  std::size_t clause_lo = 0;
  std::size_t first = 0, end = 0;
};

// Reported and denial words count anywhere in the sentence; conditional words
// before the mention in the sentence; wishes and future words before the
// mention in its clause (and the sa- prefix on or just before it); deadline
// words at most three words before it. The first of these in that order wins.
ModalityReading read_modality(const std::vector<Token>& tokens, const CandidateLists& candidates,
                              const MentionSpan& span, bool future_prefix);

// Byte ranges [begin, end) of editorial insertions in `text` (offsets plus
// `base`): "[...]" and "((...))" — translator or editor notes, "[sic]".
std::vector<std::pair<std::size_t, std::size_t>> editorial_spans(std::string_view text, std::size_t base);

}  // namespace prov::content

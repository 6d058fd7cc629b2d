#pragma once
#include <string>
#include <vector>

#include "content/phrase_trie.h"
#include "content/tokens.h"

namespace prov::content {

// How a passage speaks of an event, read from the words around the mention.
enum class Tense {
  plain,          // "the fall of Mosul"
  completed,      // "the battle for Baghouz is over", "after the battle"
  ongoing,        // "the siege of Kobani continues", "ما زالت المعركة"
  future,         // "Raqqa will fall", "سوف", "ستسقط"
  negated,        // "Raqqa has not fallen", "لم تسقط"
  negated_future, // "Raqqa will never fall", "لن تسقط"
  hypothetical,   // "if you took Mosul", "لو", "إذا"
};

std::string to_string(Tense tense);

// Looks for tense words in tokens [max(lo, first-reach), min(hi, end+3)),
// the window around a mention [first, end) inside its sentence [lo, hi).
// `future_prefix` is set when a matched Arabic word carried sa-. Event
// mentions use a reach of 2 words (the verb sits next to the name); dates 5
// ("we will meet you on 1 January").
Tense detect_tense(const std::vector<Token>& tokens, const CandidateLists& candidates,
                   std::size_t lo, std::size_t hi, std::size_t first, std::size_t end,
                   bool future_prefix, std::size_t reach_before = 2);

}  // namespace prov::content

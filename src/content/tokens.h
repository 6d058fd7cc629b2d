#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace prov::content {

enum class Script : uint8_t { latin, arabic, digits };

// A word of a transcript or of a cue phrase, normalised for matching:
// NFKD with combining marks removed (Arabic harakat, Latin accents), tatweel
// dropped, alef/taa marbuta/alif maqsura unified, digits of any script made
// ASCII, case folded.
struct Token {
  std::string word;  // normalised word
  std::string key;   // matching key: a spelling skeleton for Latin, `word` otherwise
  uint32_t begin = 0;  // byte range in the tokenised text (plus base offset)
  uint32_t end = 0;
  int sentence = 0;  // sentence number within the tokenised text
  Script script = Script::latin;
};

// Splits text into tokens. "hasn't" yields "has" + "not", "we'll" yields
// "we" + "will", "Raqqa's" yields "raqqa"; apostrophes inside words
// (Qa'ida) are dropped; hyphens split words (ar-Raqqah).
std::vector<Token> tokenize(std::string_view text, std::size_t base_offset = 0);

// Latin transliteration skeleton: q->k, dh->d, ou/oo->u, ee->i, doubled
// letters collapsed, final h after a vowel dropped (Raqqah, Rakka -> raka).
std::string latin_skeleton(std::string_view word);

// A key a text token may match once clitics are stripped.
struct Candidate {
  std::string key;
  bool future_prefix = false;  // an Arabic sa- future prefix was removed
};

// The token's key plus, for Arabic, the forms with proclitics removed
// (wa/fa, then bi/ka/li, then the article al-, li+al -> lil-, sa- before
// an imperfect verb). Stems keep at least two letters.
void candidate_keys(const Token& token, std::vector<Candidate>& out);

}  // namespace prov::content

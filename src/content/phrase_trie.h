#pragma once
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "content/tokens.h"

namespace prov::content {

// Candidate keys of each token of a text, computed once per text.
using CandidateLists = std::vector<std::vector<Candidate>>;
CandidateLists candidate_lists(const std::vector<Token>& tokens);

struct PhraseHit {
  uint32_t first = 0;  // token range [first, end)
  uint32_t end = 0;
  uint32_t payload = 0;
  bool future_prefix = false;  // some matched word carried the Arabic sa- prefix
};

// A trie over normalised token keys: every phrase occurrence in a text is
// found by walking from each token, so the cost grows with the text and the
// phrase length, not with the number of phrases.
class PhraseTrie {
 public:
  PhraseTrie();
  void add(const std::vector<std::string>& keys, uint32_t payload);
  // Appends hits in tokens[begin, end); a phrase never crosses `end`.
  void find(const CandidateLists& candidates, std::size_t begin, std::size_t end,
            std::vector<PhraseHit>& out) const;
  std::size_t phrase_count() const { return phrases_; }

 private:
  struct Node {
    std::unordered_map<std::string, uint32_t> children;
    std::vector<uint32_t> payloads;
  };
  void walk(const CandidateLists& candidates, std::size_t start, std::size_t at, std::size_t end,
            uint32_t node, bool future, std::vector<PhraseHit>& out) const;
  std::vector<Node> nodes_;
  std::size_t phrases_ = 0;
};

// Keys of a phrase as the tokenizer sees it.
std::vector<std::string> phrase_keys(const std::string& phrase);
// The same phrase as stem keys (content/stemming.h), which text tokens also carry.
std::vector<std::string> phrase_stem_keys(const std::string& phrase);
// Keys for the literal words of a cue: lower-case Latin words as stems (so
// "fall of" also matches "falling of"), names and Arabic words as keys (so
// that their transliteration variants match). Text tokens carry both.
std::vector<std::string> cue_keys(const std::string& phrase);

}  // namespace prov::content

#include "content/phrase_trie.h"

#include "content/stemming.h"

namespace prov::content {

CandidateLists candidate_lists(const std::vector<Token>& tokens) {
  CandidateLists lists(tokens.size());
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    auto& list = lists[i];
    candidate_keys(tokens[i], list);
    // Stems of the word and of each clitic-free form (content/stemming.h).
    const std::size_t forms = list.size();
    if (tokens[i].script == Script::arabic) {
      for (std::size_t k = 0; k < forms; ++k) {
        std::string stem = arabic_light_stem(list[k].key);
        bool seen = false;
        for (const auto& c : list) seen = seen || c.key == stem;
        if (!seen) list.push_back({std::move(stem), list[k].future_prefix});
      }
    } else {
      list.push_back({stem_key(tokens[i]), false});
    }
  }
  return lists;
}

std::vector<std::string> cue_keys(const std::string& phrase) {
  std::vector<std::string> keys;
  for (auto& t : tokenize(phrase)) {
    const unsigned char first = static_cast<unsigned char>(phrase[t.begin]);
    const bool common_word = t.script == Script::latin && first >= 'a' && first <= 'z';
    keys.push_back(common_word ? stem_key(t) : std::move(t.key));
  }
  return keys;
}

std::vector<std::string> phrase_stem_keys(const std::string& phrase) {
  std::vector<std::string> keys;
  for (const auto& t : tokenize(phrase)) keys.push_back(stem_key(t));
  return keys;
}

PhraseTrie::PhraseTrie() { nodes_.emplace_back(); }

void PhraseTrie::add(const std::vector<std::string>& keys, uint32_t payload) {
  if (keys.empty()) return;
  uint32_t node = 0;
  for (const auto& key : keys) {
    auto it = nodes_[node].children.find(key);
    if (it == nodes_[node].children.end()) {
      const auto next = static_cast<uint32_t>(nodes_.size());
      nodes_[node].children.emplace(key, next);
      nodes_.emplace_back();
      node = next;
    } else {
      node = it->second;
    }
  }
  auto& payloads = nodes_[node].payloads;
  for (uint32_t p : payloads) {
    if (p == payload) return;
  }
  payloads.push_back(payload);
  ++phrases_;
}

void PhraseTrie::walk(const CandidateLists& candidates, std::size_t start, std::size_t at,
                      std::size_t end, uint32_t node, bool future, std::vector<PhraseHit>& out) const {
  if (at >= end) return;
  for (const auto& candidate : candidates[at]) {
    const auto& children = nodes_[node].children;
    const auto it = children.find(candidate.key);
    if (it == children.end()) continue;
    const bool now_future = future || candidate.future_prefix;
    for (uint32_t payload : nodes_[it->second].payloads) {
      out.push_back({static_cast<uint32_t>(start), static_cast<uint32_t>(at + 1), payload, now_future});
    }
    if (!nodes_[it->second].children.empty()) {
      walk(candidates, start, at + 1, end, it->second, now_future, out);
    }
  }
}

void PhraseTrie::find(const CandidateLists& candidates, std::size_t begin, std::size_t end,
                      std::vector<PhraseHit>& out) const {
  for (std::size_t i = begin; i < end; ++i) walk(candidates, i, i, end, 0, false, out);
}

std::vector<std::string> phrase_keys(const std::string& phrase) {
  std::vector<std::string> keys;
  for (auto& t : tokenize(phrase)) keys.push_back(std::move(t.key));
  return keys;
}

}  // namespace prov::content

#pragma once
#include <optional>
#include <vector>

#include "content/phrase_trie.h"
#include "content/tokens.h"

namespace prov::content {

// "two years after the fall of Mosul", "the fifth anniversary of the
// caliphate", "بعد 3 سنوات من سقوط الموصل", "الذكرى الثانية لسقوط الموصل":
// a distance in time written just before a mention.
struct RelativeTime {
  int days = 0;            // the distance, in days (years count 365.25)
  int tolerance_days = 0;  // how loosely speakers use it
  bool anniversary = false;
};

// Looks at the (at most six) words before `first` in its sentence [lo, ...).
std::optional<RelativeTime> find_relative_time(const std::vector<Token>& tokens, const CandidateLists& candidates,
                                               std::size_t lo, std::size_t first);

}  // namespace prov::content

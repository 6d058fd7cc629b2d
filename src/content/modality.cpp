#include "content/modality.h"

#include <array>
#include <string_view>

namespace prov::content {
namespace {

struct Marker {
  std::string_view first;
  std::string_view second;  // empty for one-word markers
};

// Words in normalised form (lower case; Arabic alef, taa marbuta and alif
// maqsura unified, no harakat). Arabic words also match with clitics.
constexpr std::array kReported{
    Marker{"say", "that"},   Marker{"says", ""},        Marker{"said", "that"},    Marker{"claim", ""},
    Marker{"claims", ""},    Marker{"claimed", ""},     Marker{"claiming", ""},    Marker{"allege", ""},
    Marker{"alleges", ""},   Marker{"alleged", ""},     Marker{"allegedly", ""},   Marker{"according", "to"},
    Marker{"reported", ""},  Marker{"reports", ""},     Marker{"report", "that"},  Marker{"rumour", ""},
    Marker{"rumours", ""},   Marker{"rumor", ""},       Marker{"rumors", ""},      Marker{"media", "report"},
    Marker{"زعم", ""},       Marker{"زعموا", ""},       Marker{"يزعم", ""},        Marker{"يزعمون", ""},
    Marker{"تزعم", ""},      Marker{"زعمت", ""},        Marker{"مزاعم", ""},       Marker{"ادعي", ""},
    Marker{"ادعوا", ""},     Marker{"يدعي", ""},        Marker{"يدعون", ""},       Marker{"تدعي", ""},
    Marker{"ادعاء", ""},     Marker{"حسب", ""},         Marker{"بحسب", ""},        Marker{"وفقا", ""},
    Marker{"نقلا", ""},      Marker{"يقولون", ""},      Marker{"قالوا", ""},       Marker{"اشاعوا", ""},
    Marker{"اشاعه", ""},     Marker{"شائعه", ""},       Marker{"شائعات", ""},
};
// "lie" alone also names a pretext ("he went into Iraq on a lie"): only
// "they lie", "the lie that ..." count (see read_modality).
constexpr std::array kDenied{
    Marker{"liar", ""},
    Marker{"liars", ""},     Marker{"lying", ""},       Marker{"deny", ""},        Marker{"denies", ""},
    Marker{"denied", ""},    Marker{"كذب", ""},         Marker{"كذبوا", ""},
    Marker{"كذبه", ""},      Marker{"يكذبون", ""},      Marker{"كذابون", ""},      Marker{"الكذابون", ""},
    Marker{"كاذب", ""},      Marker{"كاذبون", ""},      Marker{"خسئوا", ""},       Marker{"نفي", ""},
    Marker{"ينفي", ""},      Marker{"نفت", ""},
};
constexpr std::array kConditional{
    Marker{"if", ""},        Marker{"unless", ""},      Marker{"whether", ""},     Marker{"would", ""},
    Marker{"could", ""},     Marker{"لو", ""},          Marker{"لولا", ""},        Marker{"اذا", ""},
};
constexpr std::array kWish{
    Marker{"may", "god"},    Marker{"may", "allah"},    Marker{"hope", ""},        Marker{"hopes", ""},
    Marker{"wish", ""},      Marker{"pray", "that"},    Marker{"if", "only"},      Marker{"ليت", ""},
    Marker{"عسي", ""},       Marker{"نسال", "الله"},    Marker{"اسال", "الله"},    Marker{"اللهم", ""},
    Marker{"نرجو", ""},      Marker{"نتمني", ""},
};
constexpr std::array kFuture{
    Marker{"will", ""},      Marker{"shall", ""},       Marker{"going", "to"},     Marker{"about", "to"},
    Marker{"soon", ""},      Marker{"tomorrow", ""},    Marker{"preparing", ""},   Marker{"preparations", ""},
    Marker{"prepare", ""},   Marker{"plan", ""},        Marker{"plans", ""},       Marker{"planning", ""},
    Marker{"intend", ""},    Marker{"intends", ""},     Marker{"threaten", ""},    Marker{"threatens", ""},
    Marker{"want", "to"},    Marker{"wants", "to"},     Marker{"سوف", ""},         Marker{"لن", ""},
    Marker{"قريبا", ""},     Marker{"غدا", ""},         Marker{"يريدون", ""},      Marker{"يخططون", ""},
    Marker{"يستعدون", ""},   Marker{"ينوون", ""},       Marker{"يهدد", ""},        Marker{"تهدد", ""},
};
constexpr std::array kDeadline{
    Marker{"before", ""},    Marker{"until", ""},       Marker{"till", ""},        Marker{"ahead", "of"},
    Marker{"deadline", ""},  Marker{"قبل", ""},         Marker{"حتي", ""},
};

bool token_is(const Token& token, const std::vector<Candidate>& candidates, std::string_view word) {
  if (token.word == word) return true;
  if (token.script != Script::arabic) return false;
  for (const auto& c : candidates) {
    if (c.key == word) return true;
  }
  return false;
}

// The first marker of `list` in tokens [a, b), as written; empty if none.
template <std::size_t N>
std::size_t find_marker(const std::array<Marker, N>& list, const std::vector<Token>& tokens,
                        const CandidateLists& candidates, std::size_t a, std::size_t b, std::size_t limit) {
  for (std::size_t i = a; i < b; ++i) {
    for (const auto& m : list) {
      if (!token_is(tokens[i], candidates[i], m.first)) continue;
      if (!m.second.empty() && (i + 1 >= limit || !token_is(tokens[i + 1], candidates[i + 1], m.second))) continue;
      return i;
    }
  }
  return static_cast<std::size_t>(-1);
}

constexpr std::size_t kNone = static_cast<std::size_t>(-1);

}  // namespace

std::string to_string(Modality modality) {
  switch (modality) {
    case Modality::asserted: return "asserted";
    case Modality::reported: return "reported";
    case Modality::denied: return "denied";
    case Modality::conditional: return "conditional";
    case Modality::wish: return "wish";
    case Modality::future: return "future";
    case Modality::deadline: return "deadline";
  }
  return "asserted";
}

ModalityReading read_modality(const std::vector<Token>& tokens, const CandidateLists& candidates,
                              const MentionSpan& s, bool future_prefix) {
  auto hit = [&](Modality m, std::size_t at) {
    return ModalityReading{m, at == kNone ? std::string() : tokens[at].word};
  };
  const std::size_t hi = s.sentence_hi;
  // "we claim responsibility" is the speaker's own claim, not a report.
  for (std::size_t i = s.sentence_lo; i < hi;) {
    const std::size_t at = find_marker(kReported, tokens, candidates, i, hi, hi);
    if (at == kNone) break;
    const bool own = (at > s.sentence_lo && (tokens[at - 1].word == "we" || tokens[at - 1].word == "i")) ||
                     (at + 1 < hi && tokens[at + 1].word == "responsibility");
    if (!own) return hit(Modality::reported, at);
    i = at + 1;
  }
  if (const auto at = find_marker(kDenied, tokens, candidates, s.sentence_lo, hi, hi); at != kNone) {
    return hit(Modality::denied, at);
  }
  for (std::size_t i = s.sentence_lo; i < hi; ++i) {
    const std::string& w = tokens[i].word;
    if (w != "lie" && w != "lies" && w != "lied") continue;
    const std::string before = i > s.sentence_lo ? tokens[i - 1].word : "";
    const std::string after = i + 1 < hi ? tokens[i + 1].word : "";
    if (before == "they" || before == "he" || before == "she" || before == "you" || before == "media" ||
        after == "that") {
      return hit(Modality::denied, i);
    }
  }
  if (const auto at = find_marker(kConditional, tokens, candidates, s.sentence_lo, s.first, hi); at != kNone) {
    return hit(Modality::conditional, at);
  }
  // "Had they killed him, ..." (inversion at the start of a sentence).
  if (s.first > s.sentence_lo && tokens[s.sentence_lo].word == "had") return hit(Modality::conditional, s.sentence_lo);
  if (const auto at = find_marker(kWish, tokens, candidates, s.sentence_lo, s.first, hi); at != kNone) {
    return hit(Modality::wish, at);
  }
  if (future_prefix) return ModalityReading{Modality::future, "sa-"};
  if (const auto at = find_marker(kFuture, tokens, candidates, s.clause_lo, s.end, hi); at != kNone) {
    return hit(Modality::future, at);
  }
  // The Arabic sa- prefix on a verb just before the mention ("ستسقط بغداد").
  for (std::size_t i = s.first >= 2 ? std::max(s.first - 2, s.clause_lo) : s.clause_lo; i < s.first; ++i) {
    if (tokens[i].script != Script::arabic) continue;
    for (const auto& c : candidates[i]) {
      if (c.future_prefix) return hit(Modality::future, i);
    }
  }
  const std::size_t near = s.first >= 3 ? std::max(s.first - 3, s.sentence_lo) : s.sentence_lo;
  if (const auto at = find_marker(kDeadline, tokens, candidates, near, s.first, hi); at != kNone) {
    return hit(Modality::deadline, at);
  }
  return {};
}

std::vector<std::pair<std::size_t, std::size_t>> editorial_spans(std::string_view text, std::size_t base) {
  std::vector<std::pair<std::size_t, std::size_t>> out;
  std::size_t i = 0;
  while (i < text.size()) {
    if (text.compare(i, 2, "((") == 0) {
      const auto close = text.find("))", i + 2);
      if (close == std::string_view::npos) break;
      out.emplace_back(base + i, base + close + 2);
      i = close + 2;
    } else if (text[i] == '[') {
      const auto close = text.find(']', i + 1);
      if (close == std::string_view::npos) break;
      out.emplace_back(base + i, base + close + 1);
      i = close + 1;
    } else {
      ++i;
    }
  }
  return out;
}

}  // namespace prov::content

#include "content/tense.h"

#include <algorithm>
#include <array>
#include <string_view>

namespace prov::content {
namespace {

enum Mark : unsigned { kFuture = 1, kNegation = 2, kOngoing = 4, kCompleted = 8, kHypothetical = 16 };

struct Marker {
  std::string_view first;
  std::string_view second;  // empty for one-word markers
  unsigned mark;
};

// Words are compared in normalised form (lower case; Arabic with alef,
// taa marbuta and alif maqsura unified, no harakat).
constexpr std::array kMarkers{
    // Two-word markers first: they override their parts.
    Marker{"no", "longer", kCompleted},      Marker{"going", "to", kFuture},
    Marker{"about", "to", kFuture},          Marker{"yet", "to", kNegation},
    Marker{"under", "siege", kOngoing},      Marker{"لم", "يعد", kCompleted},
    Marker{"لم", "تعد", kCompleted},         Marker{"ما", "زال", kOngoing},
    Marker{"ما", "زالت", kOngoing},          Marker{"لا", "يزال", kOngoing},
    Marker{"لا", "تزال", kOngoing},          Marker{"ما", "تزال", kOngoing},
    Marker{"ما", "يزال", kOngoing},
    // "nothing but", "ليس إلا": exceptive, not a negation.
    Marker{"nothing", "but", 0},             Marker{"ليس", "الا", 0},
    // English.
    Marker{"will", "", kFuture},             Marker{"shall", "", kFuture},
    Marker{"soon", "", kFuture},             Marker{"imminent", "", kFuture},
    Marker{"upcoming", "", kFuture},         Marker{"not", "", kNegation},
    Marker{"never", "", kNegation},          Marker{"nor", "", kNegation},
    Marker{"still", "", kOngoing},           Marker{"continues", "", kOngoing},
    Marker{"continue", "", kOngoing},        Marker{"continuing", "", kOngoing},
    Marker{"ongoing", "", kOngoing},         Marker{"raging", "", kOngoing},
    Marker{"underway", "", kOngoing},        Marker{"besieged", "", kOngoing},
    Marker{"over", "", kCompleted},          Marker{"ended", "", kCompleted},
    Marker{"end", "", kCompleted},           Marker{"after", "", kCompleted},
    Marker{"aftermath", "", kCompleted},     Marker{"anniversary", "", kCompleted},
    Marker{"concluded", "", kCompleted},     Marker{"if", "", kHypothetical},
    Marker{"unless", "", kHypothetical},
    // Arabic.
    Marker{"سوف", "", kFuture},              Marker{"قريبا", "", kFuture},
    Marker{"لن", "", kFuture | kNegation},   Marker{"لم", "", kNegation},
    Marker{"لما", "", kNegation},            Marker{"لا", "", kNegation},
    Marker{"ليس", "", kNegation},            Marker{"ليست", "", kNegation},
    Marker{"مازال", "", kOngoing},           Marker{"مازالت", "", kOngoing},
    Marker{"لازال", "", kOngoing},           Marker{"لازالت", "", kOngoing},
    Marker{"تتواصل", "", kOngoing},          Marker{"يتواصل", "", kOngoing},
    Marker{"متواصله", "", kOngoing},         Marker{"مستمره", "", kOngoing},
    Marker{"مستمر", "", kOngoing},           Marker{"تستمر", "", kOngoing},
    Marker{"يستمر", "", kOngoing},           Marker{"جاريه", "", kOngoing},
    Marker{"انتهت", "", kCompleted},         Marker{"انتهي", "", kCompleted},
    Marker{"انتهاء", "", kCompleted},        Marker{"نهايه", "", kCompleted},
    Marker{"بعد", "", kCompleted},           Marker{"ذكري", "", kCompleted},
    Marker{"لو", "", kHypothetical},         Marker{"اذا", "", kHypothetical},
};

bool token_is(const Token& token, const std::vector<Candidate>& candidates, std::string_view word) {
  if (token.word == word) return true;
  if (token.script != Script::arabic) return false;
  for (const auto& c : candidates) {
    if (c.key == word) return true;
  }
  return false;
}

}  // namespace

std::string to_string(Tense tense) {
  switch (tense) {
    case Tense::plain: return "plain";
    case Tense::completed: return "completed";
    case Tense::ongoing: return "ongoing";
    case Tense::future: return "future";
    case Tense::negated: return "negated";
    case Tense::negated_future: return "negated_future";
    case Tense::hypothetical: return "hypothetical";
  }
  return "plain";
}

Tense detect_tense(const std::vector<Token>& tokens, const CandidateLists& candidates,
                   std::size_t lo, std::size_t hi, std::size_t first, std::size_t end,
                   bool future_prefix, std::size_t reach_before) {
  // Words before and inside the mention decide; the few words after it
  // ("... is over", "... continues") only when those say nothing.
  const std::size_t from = std::max(lo, first >= reach_before ? first - reach_before : 0);
  const std::size_t to = std::min(hi, end + 3);
  auto scan = [&](std::size_t a, std::size_t b) {
    unsigned found = 0;
    for (std::size_t i = a; i < b;) {
      std::size_t used = 1;
      for (const auto& m : kMarkers) {
        if (!token_is(tokens[i], candidates[i], m.first)) continue;
        if (!m.second.empty()) {
          if (i + 1 >= b || !token_is(tokens[i + 1], candidates[i + 1], m.second)) continue;
          used = 2;
        }
        found |= m.mark;
        break;
      }
      i += used;
    }
    return found;
  };
  unsigned marks = (future_prefix ? kFuture : 0u) | scan(from, std::min(end, hi));
  if (marks == 0) marks = scan(std::min(end, hi), to);
  if (marks & kHypothetical) return Tense::hypothetical;
  if ((marks & kFuture) && (marks & kNegation)) return Tense::negated_future;
  if (marks & kFuture) return Tense::future;
  if (marks & kNegation) return Tense::negated;
  if (marks & kOngoing) return Tense::ongoing;
  if (marks & kCompleted) return Tense::completed;
  return Tense::plain;
}

}  // namespace prov::content

#include "content/relative_time.h"

#include <array>
#include <string_view>

namespace prov::content {
namespace {

struct Word {
  std::string_view text;
  int value;
};

constexpr std::array kNumbers{
    Word{"one", 1},   Word{"a", 1},      Word{"two", 2},      Word{"three", 3},   Word{"four", 4},
    Word{"five", 5},  Word{"six", 6},    Word{"seven", 7},    Word{"eight", 8},   Word{"nine", 9},
    Word{"ten", 10},  Word{"واحد", 1},   Word{"اثنين", 2},    Word{"ثلاث", 3},    Word{"ثلاثه", 3},
    Word{"اربع", 4},  Word{"اربعه", 4},  Word{"خمس", 5},      Word{"خمسه", 5},    Word{"ست", 6},
    Word{"سته", 6},   Word{"سبع", 7},    Word{"سبعه", 7},     Word{"ثماني", 8},   Word{"ثمانيه", 8},
    Word{"تسع", 9},   Word{"تسعه", 9},   Word{"عشر", 10},     Word{"عشره", 10},
};

constexpr std::array kOrdinals{
    Word{"first", 1},  Word{"second", 2},  Word{"third", 3},   Word{"fourth", 4},  Word{"fifth", 5},
    Word{"sixth", 6},  Word{"seventh", 7}, Word{"eighth", 8},  Word{"ninth", 9},   Word{"tenth", 10},
    Word{"الاولي", 1}, Word{"الثانيه", 2}, Word{"الثالثه", 3}, Word{"الرابعه", 4}, Word{"الخامسه", 5},
    Word{"السادسه", 6}, Word{"السابعه", 7}, Word{"الثامنه", 8}, Word{"التاسعه", 9}, Word{"العاشره", 10},
};

// Units in days; Arabic duals carry their number ("عامين" = two years).
struct Unit {
  std::string_view text;
  double days;
  int count;  // 0: needs a number before it; 2: a dual
};

constexpr std::array kUnits{
    Unit{"day", 1, 0},       Unit{"days", 1, 0},      Unit{"week", 7, 0},       Unit{"weeks", 7, 0},
    Unit{"month", 30.44, 0}, Unit{"months", 30.44, 0}, Unit{"year", 365.25, 0}, Unit{"years", 365.25, 0},
    Unit{"يوم", 1, 0},       Unit{"ايام", 1, 0},      Unit{"يومين", 1, 2},      Unit{"اسبوع", 7, 0},
    Unit{"اسابيع", 7, 0},    Unit{"اسبوعين", 7, 2},   Unit{"شهر", 30.44, 0},    Unit{"اشهر", 30.44, 0},
    Unit{"شهور", 30.44, 0},  Unit{"شهرين", 30.44, 2}, Unit{"سنه", 365.25, 0},   Unit{"سنوات", 365.25, 0},
    Unit{"سنين", 365.25, 0}, Unit{"سنتين", 365.25, 2}, Unit{"عام", 365.25, 0},  Unit{"اعوام", 365.25, 0},
    Unit{"عامين", 365.25, 2},
};

bool is(const Token& t, const std::vector<Candidate>& c, std::string_view word) {
  if (t.word == word) return true;
  if (t.script != Script::arabic) return false;
  for (const auto& k : c) {
    if (k.key == word) return true;
  }
  return false;
}

int number_at(const Token& t, const std::vector<Candidate>& c) {
  if (t.script == Script::digits && t.word.size() <= 3) return std::stoi(t.word);
  for (const auto& w : kNumbers) {
    if (is(t, c, w.text)) return w.value;
  }
  return 0;
}

int tolerance_for(double unit_days) {
  if (unit_days >= 365) return 60;
  if (unit_days >= 30) return 10;
  return 2;
}

}  // namespace

std::optional<RelativeTime> find_relative_time(const std::vector<Token>& tokens, const CandidateLists& candidates,
                                               std::size_t lo, std::size_t first) {
  const std::size_t from = first >= 6 ? std::max(lo, first - 6) : lo;
  for (std::size_t i = from; i < first; ++i) {
    // "fifth anniversary", "الذكرى الخامسة"
    if (is(tokens[i], candidates[i], "anniversary") && i > from) {
      for (const auto& o : kOrdinals) {
        if (is(tokens[i - 1], candidates[i - 1], o.text)) return RelativeTime{static_cast<int>(o.value * 365.25), 15, true};
      }
    }
    if (is(tokens[i], candidates[i], "ذكري") && i + 1 < first) {
      for (const auto& o : kOrdinals) {
        if (is(tokens[i + 1], candidates[i + 1], o.text)) return RelativeTime{static_cast<int>(o.value * 365.25), 15, true};
      }
    }
    // "<N> <unit> after|since", "بعد <N> <unit> من", "بعد عامين من"
    for (const auto& u : kUnits) {
      if (!is(tokens[i], candidates[i], u.text)) continue;
      int count = u.count;
      if (count == 0 && i > from) count = number_at(tokens[i - 1], candidates[i - 1]);
      if (count == 0 && (u.text == "year" || u.text == "month" || u.text == "week" || u.text == "day" ||
                         u.text == "عام" || u.text == "سنه" || u.text == "شهر" || u.text == "اسبوع" || u.text == "يوم")) {
        // "a year after", "بعد عام من": a singular unit on its own.
        count = (i > from && (is(tokens[i - 1], candidates[i - 1], "a") || is(tokens[i - 1], candidates[i - 1], "بعد") ||
                              is(tokens[i - 1], candidates[i - 1], "one")))
                    ? 1
                    : 0;
      }
      if (count <= 0) continue;
      const bool english_after = i + 1 < first && (is(tokens[i + 1], candidates[i + 1], "after") ||
                                                   is(tokens[i + 1], candidates[i + 1], "since"));
      bool arabic_after = false;
      for (std::size_t k = from; k < i; ++k) {
        if (is(tokens[k], candidates[k], "بعد") || is(tokens[k], candidates[k], "منذ")) arabic_after = true;
      }
      if (!english_after && !arabic_after) continue;
      return RelativeTime{static_cast<int>(count * u.days), tolerance_for(u.days), false};
    }
  }
  return std::nullopt;
}

}  // namespace prov::content

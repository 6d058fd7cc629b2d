#include "content/date_mentions.h"

#include <fmt/format.h>

#include <algorithm>

#include "content/hijri.h"
#include "content/references.h"

namespace prov::content {
namespace {

struct MonthNames {
  int month;
  std::vector<const char*> names;
};

const std::vector<MonthNames>& gregorian_months() {
  static const std::vector<MonthNames> months{
      {1, {"january", "jan", "يناير", "جانفي", "كانون الثاني"}},
      {2, {"february", "feb", "فبراير", "فيفري", "شباط"}},
      {3, {"march", "mar", "مارس", "آذار"}},
      {4, {"april", "apr", "أبريل", "إبريل", "ابريل", "نيسان", "أفريل"}},
      {5, {"may", "مايو", "ماي", "أيار"}},
      {6, {"june", "jun", "يونيو", "يونيه", "جوان", "حزيران"}},
      {7, {"july", "jul", "يوليو", "يوليه", "جويلية", "تموز"}},
      {8, {"august", "aug", "أغسطس", "أوت", "آب"}},
      {9, {"september", "sep", "sept", "سبتمبر", "أيلول"}},
      {10, {"october", "oct", "أكتوبر", "تشرين الأول"}},
      {11, {"november", "nov", "نوفمبر", "تشرين الثاني"}},
      {12, {"december", "dec", "ديسمبر", "كانون الأول"}},
  };
  return months;
}

const std::vector<MonthNames>& hijri_months() {
  static const std::vector<MonthNames> months{
      {1, {"muharram", "محرم"}},
      {2, {"safar", "صفر"}},
      {3, {"rabi al-awwal", "rabi ul-awwal", "rabi al-awal", "rabi i", "ربيع الأول"}},
      {4, {"rabi al-thani", "rabi al-akhir", "rabi ul-akhir", "rabi ul-thani", "rabi ii",
           "ربيع الآخر", "ربيع الثاني"}},
      {5, {"jumada al-ula", "jumada al-awwal", "jumada al-oula", "jumada i", "جمادى الأولى",
           "جمادى الأول"}},
      {6, {"jumada al-akhirah", "jumada al-akhira", "jumada al-thani", "jumada al-thaniyah",
           "jumada ii", "جمادى الآخرة", "جمادى الثانية", "جمادى الآخر"}},
      {7, {"rajab", "رجب"}},
      {8, {"shaban", "sha'ban", "شعبان"}},
      {9, {"ramadan", "ramadhan", "ramazan", "رمضان"}},
      {10, {"shawwal", "شوال"}},
      {11, {"dhu al-qadah", "dhu al-qa'dah", "dhu al-qi'dah", "dhul qadah", "dhul-qadah",
            "dhu'l-qa'dah", "ذو القعدة", "ذي القعدة"}},
      {12, {"dhu al-hijjah", "dhu al-hijja", "dhul hijjah", "dhul-hijjah", "dhu'l-hijjah",
            "ذو الحجة", "ذي الحجة"}},
  };
  return months;
}

bool is_number(const Token& t) { return t.script == Script::digits; }

int number_value(const Token& t) {
  if (!is_number(t) || t.word.size() > 6) return -1;
  return std::stoi(t.word);
}

bool is_filler(const Token& t) {
  return t.word == "of" || t.word == "the" || t.word == "st" || t.word == "nd" || t.word == "rd" ||
         t.word == "th";
}

std::optional<DayRange> gregorian_range(int year, int month, int day) {
  const std::string iso = day > 0 ? fmt::format("{:04d}-{:02d}-{:02d}", year, month, day)
                                  : fmt::format("{:04d}-{:02d}", year, month);
  return parse_iso_range(iso);
}

const char* kHijriMonthNames[] = {"Muharram", "Safar", "Rabi al-Awwal", "Rabi al-Thani",
                                  "Jumada al-Ula", "Jumada al-Akhira", "Rajab", "Shaban",
                                  "Ramadan", "Shawwal", "Dhu al-Qadah", "Dhu al-Hijjah"};
const char* kGregorianMonthNames[] = {"January", "February", "March", "April", "May", "June",
                                      "July", "August", "September", "October", "November",
                                      "December"};

}  // namespace

void add_calendar_phrases(PhraseTrie& trie) {
  for (const auto& m : gregorian_months()) {
    for (const char* name : m.names) {
      trie.add(phrase_keys(name), make_payload(PhraseKind::gregorian_month, static_cast<uint32_t>(m.month)));
    }
  }
  for (const auto& m : hijri_months()) {
    for (const char* name : m.names) {
      trie.add(phrase_keys(name), make_payload(PhraseKind::hijri_month, static_cast<uint32_t>(m.month)));
    }
  }
  for (const char* marker : {"ah", "a.h.", "h", "hijri", "هـ", "هجري", "هجرية", "للهجرة", "هجريا"}) {
    trie.add(phrase_keys(marker), make_payload(PhraseKind::hijri_marker, 0));
  }
  for (const char* today : {"today", "this day", "اليوم", "هذا اليوم", "يومنا هذا"}) {
    trie.add(phrase_keys(today), make_payload(PhraseKind::today, 0));
  }
}

std::vector<DateMention> find_dates(const std::vector<Token>& tokens,
                                    const std::vector<PhraseHit>& hits, std::string_view text,
                                    std::size_t text_offset) {
  std::vector<DateMention> out;
  std::vector<bool> used(tokens.size(), false);
  auto today_before = [&](std::size_t first) {
    for (const auto& h : hits) {
      if (payload_kind(h.payload) == PhraseKind::today && h.end <= first && h.end + 4 >= first &&
          tokens[h.first].sentence == tokens[first].sentence) {
        return true;
      }
    }
    return false;
  };
  for (const auto& hit : hits) {
    const auto kind = payload_kind(hit.payload);
    if (kind != PhraseKind::gregorian_month && kind != PhraseKind::hijri_month) continue;
    const bool hijri = kind == PhraseKind::hijri_month;
    const int month = static_cast<int>(payload_id(hit.payload));
    std::size_t first = hit.first;
    std::size_t next = hit.end;
    int day = 0;
    // Day before the month: "29 June", "the 1st of Ramadan", "غرة رمضان".
    std::size_t j = hit.first;
    while (j > 0 && is_filler(tokens[j - 1]) && hit.first - j < 3) --j;
    if (j > 0) {
      const int v = number_value(tokens[j - 1]);
      if (v >= 1 && v <= 31) {
        day = v;
        first = j - 1;
      } else if (tokens[j - 1].word == "\xD8\xBA\xD8\xB1\xD9\x87") {  // غره: first day of the month
        day = 1;
        first = j - 1;
      }
    }
    // Day after the month: "June 29, 2014".
    if (day == 0 && next < tokens.size()) {
      const int v = number_value(tokens[next]);
      if (v >= 1 && v <= 31 && tokens[next].word.size() <= 2) {
        day = v;
        ++next;
        while (next < tokens.size() && is_filler(tokens[next]) && tokens[next].word != "of") ++next;
      }
    }
    if (next >= tokens.size()) continue;
    const int year = number_value(tokens[next]);
    if (tokens[next].word.size() != 4) continue;
    if (hijri ? (year < 1300 || year > 1600) : (year < 1900 || year > 2100)) continue;
    std::size_t end = next + 1;
    std::optional<DayRange> range;
    if (hijri) {
      range = hijri_to_days(year, month, day);
      for (const auto& h : hits) {
        if (payload_kind(h.payload) == PhraseKind::hijri_marker && h.first == end) end = h.end;
      }
    } else {
      range = gregorian_range(year, month, day);
    }
    if (!range) continue;
    DateMention m;
    m.first = first;
    m.end = end;
    m.range = *range;
    m.hijri = hijri;
    m.today = today_before(first);
    const char* name = hijri ? kHijriMonthNames[month - 1] : kGregorianMonthNames[month - 1];
    m.reading = day > 0 ? fmt::format("{} {} {}{}", day, name, year, hijri ? " AH" : "")
                        : fmt::format("{} {}{}", name, year, hijri ? " AH" : "");
    for (std::size_t k = first; k < end; ++k) used[k] = true;
    out.push_back(std::move(m));
  }
  // A year with a Hijri marker: "1435 AH", "عام 1435 هـ".
  for (const auto& hit : hits) {
    if (payload_kind(hit.payload) != PhraseKind::hijri_marker || hit.first == 0) continue;
    const std::size_t y = hit.first - 1;
    if (used[y] || tokens[y].word.size() != 4) continue;
    const int year = number_value(tokens[y]);
    if (year < 1300 || year > 1600) continue;
    const auto range = hijri_to_days(year, 0, 0);
    if (!range) continue;
    DateMention m;
    m.first = y;
    m.end = hit.end;
    m.range = *range;
    m.hijri = true;
    m.today = today_before(y);
    m.reading = fmt::format("{} AH", year);
    out.push_back(std::move(m));
  }
  // ISO dates written with hyphens: three number tokens 2014-06-29.
  for (std::size_t i = 0; i + 2 < tokens.size(); ++i) {
    const Token& y = tokens[i];
    const Token& mo = tokens[i + 1];
    const Token& dd = tokens[i + 2];
    if (used[i] || !is_number(y) || !is_number(mo) || !is_number(dd)) continue;
    if (y.word.size() != 4 || mo.word.size() != 2 || dd.word.size() != 2) continue;
    auto hyphen_between = [&](const Token& a, const Token& b) {
      return b.begin == a.end + 1 && text[a.end - text_offset] == '-';
    };
    if (!hyphen_between(y, mo) || !hyphen_between(mo, dd)) continue;
    const int year = number_value(y);
    if (year < 1900 || year > 2100) continue;
    const auto range = parse_iso_range(y.word + "-" + mo.word + "-" + dd.word);
    if (!range) continue;
    DateMention m;
    m.first = i;
    m.end = i + 3;
    m.range = *range;
    m.today = today_before(i);
    m.reading = day_to_iso(range->earliest);
    out.push_back(std::move(m));
    i += 2;
  }
  std::sort(out.begin(), out.end(), [](const DateMention& a, const DateMention& b) { return a.first < b.first; });
  return out;
}

}  // namespace prov::content

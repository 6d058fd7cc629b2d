#pragma once
#include <string>
#include <vector>

#include "content/day.h"
#include "content/phrase_trie.h"
#include "content/tokens.h"

namespace prov::content {

class PhraseTrie;

// Month names (English and Arabic, Gregorian incl. Levantine names, and
// Hijri), Hijri year markers (AH, هـ, هجري) and "today" words, added to the
// reference trie with their payloads.
void add_calendar_phrases(PhraseTrie& trie);

// A date written out in the transcript.
struct DateMention {
  std::size_t first = 0;  // token range
  std::size_t end = 0;
  DayRange range;         // Gregorian days it may denote (Hijri: widened)
  bool hijri = false;
  bool today = false;     // introduced by "today"/"اليوم"
  std::string reading;    // e.g. "1 Ramadan 1435 AH" or "2014-06-29"
};

// Finds day-month-year, month-day-year, month-year and year-AH dates from the
// calendar hits of one segment, plus ISO dates (2014-06-29) in its text.
std::vector<DateMention> find_dates(const std::vector<Token>& tokens,
                                    const std::vector<PhraseHit>& hits, std::string_view text,
                                    std::size_t text_offset);

}  // namespace prov::content

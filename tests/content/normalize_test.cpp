#include <gtest/gtest.h>

#include <algorithm>

#include "content/phrase_trie.h"
#include "content/tokens.h"

namespace prov::content {
namespace {

std::vector<std::string> words(const std::string& text) {
  std::vector<std::string> out;
  for (const auto& t : tokenize(text)) out.push_back(t.word);
  return out;
}

std::string key_of(const std::string& word) {
  const auto t = tokenize(word);
  return t.size() == 1 ? t[0].key : "";
}

bool has_candidate(const std::string& word, const std::string& key) {
  const auto t = tokenize(word);
  std::vector<Candidate> c;
  candidate_keys(t.at(0), c);
  return std::any_of(c.begin(), c.end(), [&](const Candidate& x) { return x.key == key; });
}

TEST(Normalize, ArabicAlefFormsTaaMarbutaAlifMaqsura) {
  EXPECT_EQ(key_of("أحمد"), key_of("احمد"));
  EXPECT_EQ(key_of("إسلام"), key_of("اسلام"));
  EXPECT_EQ(key_of("آمن"), key_of("امن"));
  EXPECT_EQ(key_of("ٱلله"), key_of("الله"));
  EXPECT_EQ(key_of("الرقة"), key_of("الرقه"));
  EXPECT_EQ(key_of("مستشفى"), key_of("مستشفي"));
}

TEST(Normalize, ArabicDiacriticsAndTatweelRemoved) {
  EXPECT_EQ(key_of("الرَّقَّة"), key_of("الرقة"));
  EXPECT_EQ(key_of("الرقـــة"), key_of("الرقة"));
  EXPECT_EQ(key_of("ﺍﻟﺮﻗﺔ"), key_of("الرقة")) << "presentation forms fold to letters";
}

TEST(Normalize, ArabicIndicDigitsBecomeAscii) {
  EXPECT_EQ(words("١٤٣٥ هـ"), (std::vector<std::string>{"1435", "ه"}));
  EXPECT_EQ(words("۲۰۱۹"), (std::vector<std::string>{"2019"}));
  EXPECT_EQ(words("1435هـ"), (std::vector<std::string>{"1435", "ه"}));
}

TEST(Normalize, ArabicCliticsStripped) {
  EXPECT_TRUE(has_candidate("والرقة", key_of("الرقة")));
  EXPECT_TRUE(has_candidate("فالرقة", key_of("الرقة")));
  EXPECT_TRUE(has_candidate("بالرقة", key_of("الرقة")));
  EXPECT_TRUE(has_candidate("كالرقة", key_of("الرقة")));
  EXPECT_TRUE(has_candidate("للرقة", key_of("الرقة")));
  EXPECT_TRUE(has_candidate("وبالموصل", key_of("الموصل")));
  EXPECT_TRUE(has_candidate("ببغداد", key_of("بغداد")));
  EXPECT_TRUE(has_candidate("الرقة", key_of("رقة")));
  EXPECT_FALSE(has_candidate("بغداد", key_of("داد"))) << "stems keep two letters at least";
}

TEST(Normalize, EnglishCaseApostrophesAndContractions) {
  EXPECT_EQ(words("Raqqa's fall, RAQQA hasn't"), (std::vector<std::string>{"raqqa", "fall", "raqqa", "has", "not"}));
  EXPECT_EQ(words("won't we'll al-Qa'ida"), (std::vector<std::string>{"will", "not", "we", "will", "al", "qaida"}));
  EXPECT_EQ(words("Raqqā"), (std::vector<std::string>{"raqqa"}));
}

TEST(Normalize, TransliterationVariantsShareASkeleton) {
  EXPECT_EQ(key_of("Raqqa"), key_of("Rakka"));
  EXPECT_EQ(key_of("Raqqah"), key_of("Raqqa"));
  EXPECT_EQ(key_of("Ramadhan"), key_of("Ramadan"));
  EXPECT_EQ(key_of("Mosoul"), key_of("Mosul"));
  EXPECT_NE(key_of("Mosul"), key_of("Raqqa"));
}

TEST(Normalize, SentencesAreCounted) {
  const auto t = tokenize("One. Two? ثلاثة؟ four");
  ASSERT_EQ(t.size(), 4u);
  EXPECT_EQ(t[0].sentence, 0);
  EXPECT_EQ(t[1].sentence, 1);
  EXPECT_EQ(t[2].sentence, 2);
  EXPECT_EQ(t[3].sentence, 3);
}

TEST(PhraseTrie, FindsPhrasesThroughClitics) {
  PhraseTrie trie;
  trie.add(phrase_keys("سقوط الرقة"), 7);
  trie.add(phrase_keys("battle for Baghuz"), 9);
  const auto tokens = tokenize("وبسقوط الرقة... the Battle for Baghouz");
  const auto cands = candidate_lists(tokens);
  std::vector<PhraseHit> hits;
  trie.find(cands, 0, tokens.size(), hits);
  ASSERT_EQ(hits.size(), 2u);
  EXPECT_EQ(hits[0].payload, 7u);
  EXPECT_EQ(hits[0].first, 0u);
  EXPECT_EQ(hits[0].end, 2u);
  EXPECT_EQ(hits[1].payload, 9u);
}

}  // namespace
}  // namespace prov::content

namespace prov::content {
namespace {

TEST(Normalize, AbbreviationsDoNotEndSentences) {
  const auto t = tokenize("The U.S. air strikes began. Then 1435 A.H. came. Next");
  ASSERT_GE(t.size(), 10u);
  EXPECT_EQ(t[0].sentence, t[4].sentence) << "'U.S.' keeps one sentence";
  EXPECT_EQ(t.back().sentence, 2);
}

}  // namespace
}  // namespace prov::content

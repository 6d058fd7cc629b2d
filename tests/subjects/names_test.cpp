#include <gtest/gtest.h>

#include "core/error.h"
#include "subjects/names.h"

namespace prov::subjects {
namespace {

TEST(SubjectNames, LatinSpellingsShareOneKey) {
  const std::string key = name_key("Abu Bakr al-Baghdadi");
  EXPECT_EQ(name_key("ABU BAKR AL BAGHDADI"), key);
  EXPECT_EQ(name_key("Abu Bakr Baghdadi"), key);
  EXPECT_EQ(name_key("Abū Bakr al-Baghdādī"), key) << "accents are dropped";
  EXPECT_NE(name_key("Abu Mohammed al-Julani"), key);
}

TEST(SubjectNames, ArabicSpellingsShareOneKey) {
  const std::string key = name_key("أبو بكر البغدادي");
  EXPECT_EQ(name_key("ابو بكر البغدادى"), key) << "hamza on alef and alif maqsura are unified";
  EXPECT_EQ(name_key("أَبُو بَكْر البَغْدَادِي"), key) << "harakat are dropped";
  EXPECT_EQ(name_key("أبو بكر بغدادي"), key) << "the article is left out";
  EXPECT_NE(name_key("Abu Bakr al-Baghdadi"), key) << "scripts are not transliterated into each other";
}

TEST(SubjectNames, ScriptOfAName) {
  EXPECT_EQ(name_script("Abu Bakr al-Baghdadi"), "latin");
  EXPECT_EQ(name_script("أبو بكر البغدادي"), "arabic");
  EXPECT_EQ(name_script("Abu Bakr البغدادي"), "mixed");
}

TEST(SubjectNames, BadNamesAreRefused) {
  EXPECT_THROW(name_key("---"), InputError);
  EXPECT_THROW(name_key(""), InputError);
  EXPECT_THROW(name_key("Abu \xff Bakr"), InputError);
}

TEST(SubjectNames, FoundByNameOrAliasInEitherScript) {
  std::vector<casefile::SubjectRecord> all = {
      {1, "Abu Bakr al-Baghdadi", {"Ibrahim Awad Ibrahim al-Badri", "أبو بكر البغدادي"}, "", ""},
      {2, "Abu Mohammed al-Julani", {"أبو محمد الجولاني"}, "", ""}};
  EXPECT_EQ(find_subject(all, "abu bakr baghdadi"), 0u);
  EXPECT_EQ(find_subject(all, "ابو بكر البغدادى"), 0u);
  EXPECT_EQ(find_subject(all, "Ibrahim Awad Ibrahim al-Badri"), 0u);
  EXPECT_EQ(find_subject(all, "أبو محمد الجولاني"), 1u);
  EXPECT_FALSE(find_subject(all, "Osama bin Laden").has_value());
  EXPECT_THROW(require_subject(all, "Osama bin Laden", "case.db"), InputError);
  all.push_back({3, "Baghdadi", {"Abu Bakr Baghdadi"}, "", ""});
  EXPECT_THROW(find_subject(all, "Abu Bakr al-Baghdadi"), InputError) << "a name of two subjects is ambiguous";
}

}  // namespace
}  // namespace prov::subjects

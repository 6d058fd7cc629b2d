#pragma once
#include <string>
#include <string_view>

#include "content/tokens.h"

namespace prov::content {

// Stem keys start with '~' so they never collide with word keys. Latin words
// go through Snowball's English stemmer (libstemmer): liberated, liberation,
// liberating -> ~liber. Arabic keys get a light stem: one imperfect prefix
// (ي ت ن) and up to two suffixes (ها هم نا ون ين ان ات وا ه ت ...) removed,
// keeping at least three letters: قتلته, يقتلون -> ~قتل.
std::string stem_key(const Token& token);
std::string arabic_light_stem(std::string_view key);
std::string english_stem(const std::string& word);  // "~" + Snowball English stem

}  // namespace prov::content

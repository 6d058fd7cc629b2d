#include "content/stemming.h"

#include <libstemmer.h>

#include <array>
#include <memory>
#include <unordered_map>
#include <stdexcept>

namespace prov::content {
namespace {

struct StemmerDeleter {
  void operator()(sb_stemmer* s) const { sb_stemmer_delete(s); }
};

// One stemmer per thread: a Snowball stemmer keeps state between calls.
sb_stemmer& english() {
  thread_local std::unique_ptr<sb_stemmer, StemmerDeleter> stemmer(sb_stemmer_new("english", "UTF_8"));
  if (!stemmer) throw std::runtime_error("libstemmer: no English stemmer");
  return *stemmer;
}

// Arabic letters are two bytes each in UTF-8.
std::size_t letters(std::string_view s) { return s.size() / 2; }

bool ends(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// "~" + text, written out: GCC 12 warns falsely on operator+ here.
std::string tilde(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 1);
  out.push_back('~');
  out.append(text);
  return out;
}

}  // namespace

std::string arabic_light_stem(std::string_view key) {
  static constexpr std::array<std::string_view, 3> kPrefixes{"\xD9\x8A", "\xD8\xAA", "\xD9\x86"};  // ي ت ن
  static constexpr std::array<std::string_view, 14> kSuffixes{
      "\xD9\x87\xD9\x85\xD8\xA7",  // هما
      "\xD9\x87\xD8\xA7",          // ها
      "\xD9\x87\xD9\x85",          // هم
      "\xD9\x83\xD9\x85",          // كم
      "\xD9\x86\xD8\xA7",          // نا
      "\xD9\x88\xD9\x86",          // ون
      "\xD9\x8A\xD9\x86",          // ين
      "\xD8\xA7\xD9\x86",          // ان
      "\xD8\xA7\xD8\xAA",          // ات
      "\xD9\x88\xD8\xA7",          // وا
      "\xD9\x8A\xD9\x87",          // يه
      "\xD9\x87",                  // ه (also taa marbuta, unified)
      "\xD8\xAA",                  // ت
      "\xD9\x8A",                  // ي
  };
  std::string_view s = key;
  for (int pass = 0; pass < 2; ++pass) {
    for (auto suffix : kSuffixes) {
      if (ends(s, suffix) && letters(s) - letters(suffix) >= 3) {
        s.remove_suffix(suffix.size());
        break;
      }
    }
  }
  if (letters(s) >= 4) {
    for (auto prefix : kPrefixes) {
      if (s.substr(0, prefix.size()) == prefix) {
        s.remove_prefix(prefix.size());
        break;
      }
    }
  }
  return tilde(s);
}

std::string stem_key(const Token& token) {
  if (token.script == Script::arabic) return arabic_light_stem(token.key);
  if (token.script != Script::latin) return tilde(token.key);
  // Timelines and transcripts repeat their words: stems are cached per thread.
  thread_local std::unordered_map<std::string, std::string> cache;
  if (const auto it = cache.find(token.word); it != cache.end()) return it->second;
  if (cache.size() > 200000) cache.clear();
  std::string stem = english_stem(token.word);
  cache.emplace(token.word, stem);
  return stem;
}

std::string english_stem(const std::string& word) {
  const sb_symbol* out = sb_stemmer_stem(&english(), reinterpret_cast<const sb_symbol*>(word.data()),
                                         static_cast<int>(word.size()));
  if (!out) return tilde(word);
  return tilde(std::string_view(reinterpret_cast<const char*>(out), static_cast<std::size_t>(sb_stemmer_length(&english()))));
}

}  // namespace prov::content

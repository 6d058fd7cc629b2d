#include "content/tokens.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <stdexcept>

namespace prov::content {
namespace {

bool is_arabic(UChar32 c) {
  return (c >= 0x0600 && c <= 0x06FF) || (c >= 0x0750 && c <= 0x077F) ||
         (c >= 0x08A0 && c <= 0x08FF) || (c >= 0xFB50 && c <= 0xFDFF) ||
         (c >= 0xFE70 && c <= 0xFEFF);
}

bool is_apostrophe(UChar32 c) {
  return c == 0x27 || c == 0x2019 || c == 0x2018 || c == 0x02BC || c == 0x02BE ||
         c == 0x02BF || c == 0x60;
}

bool is_sentence_end(UChar32 c) {
  return c == '.' || c == '!' || c == '?' || c == ';' || c == 0x061F || c == 0x06D4 ||
         c == 0x2026 || c == 0x061B;
}

bool is_mark(UChar32 c) {
  const int8_t type = u_charType(c);
  return type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK || type == U_COMBINING_SPACING_MARK;
}

void append_utf8(std::string& out, UChar32 c) {
  char buffer[4];
  int32_t length = 0;
  U8_APPEND_UNSAFE(buffer, length, c);
  out.append(buffer, static_cast<std::size_t>(length));
}

UChar32 unify_letter(UChar32 c) {
  switch (c) {
    case 0x0671: return 0x0627;  // alef wasla -> alef (other alef forms decompose)
    case 0x0629: return 0x0647;  // taa marbuta -> haa
    case 0x0649: return 0x064A;  // alif maqsura -> yaa
    case 0x06CC: return 0x064A;  // Farsi yeh
    case 0x06A9: return 0x0643;  // keheh -> kaf
    default: return u_foldCase(c, U_FOLD_CASE_DEFAULT);
  }
}

const icu::Normalizer2& nfkd() {
  static const icu::Normalizer2* instance = [] {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFKDInstance(status);
    if (U_FAILURE(status)) throw std::runtime_error("ICU NFKD normaliser unavailable");
    return n;
  }();
  return *instance;
}

// Appends the normalised form of one letter or digit.
void append_normalised(std::string& out, UChar32 c) {
  if (c < 0x80) {
    out.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c));
    return;
  }
  if (u_isdigit(c)) {
    out.push_back(static_cast<char>('0' + u_charDigitValue(c)));
    return;
  }
  icu::UnicodeString decomposition;
  if (!nfkd().getDecomposition(c, decomposition)) {
    append_utf8(out, unify_letter(c));
    return;
  }
  for (int32_t i = 0; i < decomposition.length();) {
    const UChar32 part = decomposition.char32At(i);
    i += U16_LENGTH(part);
    if (is_mark(part) || part == 0x0640 || u_isspace(part)) continue;
    if (u_isdigit(part)) {
      out.push_back(static_cast<char>('0' + u_charDigitValue(part)));
    } else {
      append_utf8(out, unify_letter(part));
    }
  }
}

bool ends_with(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

class Builder {
 public:
  Builder(std::vector<Token>& out, std::size_t base) : out_(out), base_(base) {}

  void add_char(UChar32 c, std::size_t at, std::size_t next, Script script) {
    if (!open_ || script != script_) {
      finish();
      open_ = true;
      script_ = script;
      begin_ = at;
    }
    append_normalised(word_, c);
    end_ = next;
  }
  void add_apostrophe(std::size_t next) {
    if (open_ && script_ == Script::latin) {
      word_.push_back('\'');
      end_ = next;
    } else {
      finish();
    }
  }
  void finish() {
    if (!open_) return;
    open_ = false;
    std::string word = std::move(word_);
    word_.clear();
    while (!word.empty() && word.back() == '\'') word.pop_back();
    std::string extra;
    if (script_ == Script::latin) {
      if (ends_with(word, "n't")) {
        word.resize(word.size() - 3);
        if (word == "wo") word = "will";
        if (word == "ca") word = "can";
        if (word == "sha") word = "shall";
        extra = "not";
      } else if (ends_with(word, "'ll")) {
        word.resize(word.size() - 3);
        extra = "will";
      } else if (ends_with(word, "'s")) {
        word.resize(word.size() - 2);
      }
      word.erase(std::remove(word.begin(), word.end(), '\''), word.end());
    }
    if (!word.empty()) emit(std::move(word));
    if (!extra.empty()) emit(std::move(extra));
  }
  bool single_latin_letter() const {
    if (open_) return script_ == Script::latin && word_.size() == 1;
    return !out_.empty() && out_.back().script == Script::latin && out_.back().word.size() == 1 &&
           out_.back().end == end_ + base_;
  }
  void end_sentence() {
    finish();
    ++sentence_;
  }

 private:
  void emit(std::string word) {
    Token t;
    t.key = script_ == Script::latin ? latin_skeleton(word) : word;
    t.word = std::move(word);
    t.begin = static_cast<uint32_t>(base_ + begin_);
    t.end = static_cast<uint32_t>(base_ + end_);
    t.sentence = sentence_;
    t.script = script_;
    out_.push_back(std::move(t));
  }

  std::vector<Token>& out_;
  std::size_t base_;
  bool open_ = false;
  Script script_ = Script::latin;
  std::string word_;
  std::size_t begin_ = 0, end_ = 0;
  int sentence_ = 0;
};

}  // namespace

std::vector<Token> tokenize(std::string_view text, std::size_t base_offset) {
  std::vector<Token> tokens;
  tokens.reserve(text.size() / 5 + 1);
  Builder builder(tokens, base_offset);
  const auto* data = reinterpret_cast<const uint8_t*>(text.data());
  const auto length = static_cast<int32_t>(text.size());
  int32_t i = 0;
  while (i < length) {
    const int32_t at = i;
    UChar32 c;
    U8_NEXT(data, i, length, c);
    if (c < 0) {
      builder.finish();
      continue;
    }
    if (c == 0x0640 || (c >= 0x80 && is_mark(c))) continue;  // tatweel, harakat: inside words
    if (is_apostrophe(c)) {
      builder.add_apostrophe(static_cast<std::size_t>(i));
    } else if (u_isdigit(c)) {
      builder.add_char(c, static_cast<std::size_t>(at), static_cast<std::size_t>(i), Script::digits);
    } else if (u_isalpha(c)) {
      builder.add_char(c, static_cast<std::size_t>(at), static_cast<std::size_t>(i),
                       is_arabic(c) ? Script::arabic : Script::latin);
    } else if (is_sentence_end(c)) {
      // "U.S." and "A.H." are not sentence ends: a full stop ends a sentence
      // only before a space or the end, and not after a single Latin letter.
      const bool full_stop = c == '.';
      const bool before_space = i >= length || data[i] == ' ' || data[i] == '\n' || data[i] == '\r' || data[i] == '\t';
      if (full_stop && (!before_space || builder.single_latin_letter())) {
        builder.finish();
      } else {
        builder.end_sentence();
      }
    } else {
      builder.finish();
    }
  }
  builder.finish();
  return tokens;
}

std::string latin_skeleton(std::string_view word) {
  std::string mapped;
  mapped.reserve(word.size());
  for (std::size_t i = 0; i < word.size(); ++i) {
    const char c = word[i];
    const char next = i + 1 < word.size() ? word[i + 1] : '\0';
    if (c == 'q') { mapped.push_back('k'); continue; }
    if (c == 'd' && next == 'h') { mapped.push_back('d'); ++i; continue; }
    if (c == 'o' && (next == 'u' || next == 'o')) { mapped.push_back('u'); ++i; continue; }
    if (c == 'e' && next == 'e') { mapped.push_back('i'); ++i; continue; }
    mapped.push_back(c);
  }
  std::string s;
  s.reserve(mapped.size());
  for (char c : mapped) {
    if (s.empty() || s.back() != c) s.push_back(c);
  }
  auto vowel = [](char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; };
  if (s.size() > 3 && s.back() == 'h' && vowel(s[s.size() - 2])) s.pop_back();
  return s;
}

namespace {

// Arabic letters used below are all two bytes in UTF-8.
constexpr std::string_view kWaw = "\xD9\x88", kFa = "\xD9\x81", kBa = "\xD8\xA8",
                           kKaf = "\xD9\x83", kLam = "\xD9\x84", kAlef = "\xD8\xA7",
                           kSeen = "\xD8\xB3", kYa = "\xD9\x8A", kTa = "\xD8\xAA",
                           kNun = "\xD9\x86";

bool starts(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

// Letters left after removing `bytes` bytes; Arabic letters are 2 bytes.
bool long_enough(std::string_view s, std::size_t bytes) { return s.size() >= bytes + 4; }

void push_unique(std::vector<Candidate>& out, std::string key, bool future) {
  for (const auto& c : out) {
    if (c.key == key) return;
  }
  out.push_back({std::move(key), future});
}

void add_article_forms(std::vector<Candidate>& out, std::string_view s, bool future) {
  push_unique(out, std::string(s), future);
  const std::string al = std::string(kAlef) + std::string(kLam);
  if (starts(s, al) && long_enough(s, 4)) push_unique(out, std::string(s.substr(4)), future);
}

}  // namespace

void candidate_keys(const Token& token, std::vector<Candidate>& out) {
  out.clear();
  out.push_back({token.key, false});
  if (token.script != Script::arabic) return;
  const std::string_view base = token.key;
  std::vector<std::string_view> after_conjunction{base};
  if ((starts(base, kWaw) || starts(base, kFa)) && long_enough(base, 2)) {
    after_conjunction.push_back(base.substr(2));
  }
  for (std::string_view s : after_conjunction) {
    add_article_forms(out, s, false);
    const std::string lil = std::string(kLam) + std::string(kLam);
    if (starts(s, lil) && long_enough(s, 4)) {
      // li + al- is written lil-: restore the article and also drop it.
      const std::string restored = std::string(kAlef) + std::string(s.substr(2));
      add_article_forms(out, restored, false);
    }
    if ((starts(s, kBa) || starts(s, kKaf) || starts(s, kLam)) && long_enough(s, 2)) {
      add_article_forms(out, s.substr(2), false);
    }
    if (starts(s, kSeen) && long_enough(s, 4)) {
      const std::string_view rest = s.substr(2);
      if (starts(rest, kYa) || starts(rest, kTa) || starts(rest, kNun) || starts(rest, kAlef)) {
        push_unique(out, std::string(rest), true);
      }
    }
  }
}

}  // namespace prov::content

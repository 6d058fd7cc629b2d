#include "subjects/names.h"

#include <fmt/format.h>

#include "content/tokens.h"
#include "content/utf8_text.h"
#include "core/error.h"

namespace prov::subjects {
namespace {

const std::string kArabicArticle = "\xD8\xA7\xD9\x84";  // ا ل

bool is_latin_article(const content::Token& t) {
  return t.script == content::Script::latin && (t.word == "al" || t.word == "el");
}

std::string without_arabic_article(const content::Token& t) {
  // Keep at least two letters (four bytes) after the article.
  if (t.script == content::Script::arabic && t.key.size() >= kArabicArticle.size() + 4 &&
      t.key.compare(0, kArabicArticle.size(), kArabicArticle) == 0) {
    return t.key.substr(kArabicArticle.size());
  }
  return t.key;
}

}  // namespace

std::string name_key(std::string_view name) {
  content::require_valid_utf8(name, "subject name");
  std::string key;
  for (const auto& token : content::tokenize(name)) {
    if (is_latin_article(token)) continue;
    if (!key.empty()) key += ' ';
    key += without_arabic_article(token);
  }
  if (key.empty()) throw InputError(fmt::format("subject name '{}' has no letters", name));
  return key;
}

std::string name_script(std::string_view name) {
  bool latin = false, arabic = false;
  for (const auto& token : content::tokenize(name)) {
    latin |= token.script == content::Script::latin;
    arabic |= token.script == content::Script::arabic;
  }
  if (latin && arabic) return "mixed";
  return arabic ? "arabic" : "latin";
}

std::optional<std::size_t> find_subject(const std::vector<casefile::SubjectRecord>& subjects, std::string_view query) {
  const std::string key = name_key(query);
  std::optional<std::size_t> found;
  for (std::size_t i = 0; i < subjects.size(); ++i) {
    bool match = name_key(subjects[i].name) == key;
    for (const auto& alias : subjects[i].aliases) match = match || name_key(alias) == key;
    if (!match) continue;
    if (found) {
      throw InputError(fmt::format("'{}' names two subjects ({} and {}); give the other name", query,
                                   subjects[*found].name, subjects[i].name));
    }
    found = i;
  }
  return found;
}

const casefile::SubjectRecord& require_subject(const std::vector<casefile::SubjectRecord>& subjects,
                                               std::string_view query, const std::string& case_path) {
  if (const auto i = find_subject(subjects, query)) return subjects[*i];
  std::string known;
  for (const auto& s : subjects) known += (known.empty() ? "" : ", ") + s.name;
  throw InputError(fmt::format("{}: no subject '{}' ({}); add one with: provenance subject add NAME --case {}", case_path,
                               query, known.empty() ? "the case has no subjects" : "known: " + known, case_path));
}

}  // namespace prov::subjects

#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "casefile/subject_records.h"

namespace prov::subjects {

// The key two spellings of a name share: the words as content/tokens.h
// normalises them for matching (NFKD, marks and tatweel dropped, Arabic
// letter forms unified, case folded, a Latin transliteration skeleton), with
// the article left out ("al-"/"el-" in Latin, a leading "ال" in Arabic), so
// "Abu Bakr al-Baghdadi", "ABU BAKR AL BAGHDADI" and "Abou Bakr al-Baghdadi"
// share one key, and "أبو بكر البغدادي" and "ابو بكر البغدادى" share another.
// Throws InputError for invalid UTF-8 or a name with no letters.
std::string name_key(std::string_view name);

// "latin", "arabic" or "mixed", from the letters of a name.
std::string name_script(std::string_view name);

// The subject whose name or one of whose aliases has the query's key;
// nullopt when none. Throws InputError when the key names two subjects.
std::optional<std::size_t> find_subject(const std::vector<casefile::SubjectRecord>& subjects, std::string_view query);

// find_subject, but an unknown name is an InputError that lists the known ones.
const casefile::SubjectRecord& require_subject(const std::vector<casefile::SubjectRecord>& subjects,
                                               std::string_view query, const std::string& case_path);

}  // namespace prov::subjects

#pragma once
#include <string>
#include <string_view>
#include <variant>

#include "server/request_checks.h"

namespace prov::server {

// An examiner's decision on a finding, as the page sends it.
struct ReviewInput {
  std::string status;    // "confirmed" or "rejected"
  std::string examiner;  // never blank
  std::string note;      // may be empty
};

// Parses the JSON body of POST /api/findings/{id}/review: an object with
// "status" (string, required), "examiner" and "note" (strings, optional) and
// nothing else. The examiner falls back to `default_examiner`; a name that
// is blank or holds control characters is refused, as is a note with control
// characters other than newline and tab. Every refusal is 400 with a plain
// message.
std::variant<ReviewInput, Refusal> parse_review(std::string_view body, const std::string& default_examiner);

}  // namespace prov::server

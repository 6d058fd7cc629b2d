#pragma once
#include <string>
#include <vector>

namespace prov::casefile {

// Schema step N takes a case file from version N-1 to N. Steps are only ever
// appended: an old case file is brought forward by running the steps it lacks,
// each in the same transaction as the version bump.
struct Migration {
  int version;
  std::string description;
  std::string sql;
};

const std::vector<Migration>& case_migrations();
int latest_case_schema_version();

}  // namespace prov::casefile

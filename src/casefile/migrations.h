#pragma once
#include <string>
#include <vector>

struct sqlite3;

namespace prov::casefile {

// Schema step N takes a case file from version N-1 to N. Steps are only ever
// appended: an old case file is brought forward by running the steps it lacks,
// each in the same transaction as the version bump.
struct Migration {
  int version;
  std::string description;
  std::string sql;
  // Work SQL cannot do (hashing), run after `sql` in the same transaction.
  void (*after)(sqlite3* db, int from_version) = nullptr;
};

// Columns added by later steps must be nullable with no default: the ledger
// leaves NULL columns out of a record's content, so older records keep their
// hashes (see ledger.h).

const std::vector<Migration>& case_migrations();
int latest_case_schema_version();

}  // namespace prov::casefile

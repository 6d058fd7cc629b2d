#include "casefile/migrations.h"

#include "casefile/custody.h"
#include "casefile/ledger.h"

namespace prov::casefile {
namespace {

// Records written before the ledger existed are chained as they are found,
// and the custody log says so: they carry no proof from before the upgrade.
void chain_existing_records(sqlite3* db, int from_version) {
  const int64_t chained = chain_unledgered_rows(db);
  if (chained == 0) return;
  append_custody_entry(db, {"provenance", "ledger_start", "",
                            {{"chained_existing_records", chained},
                             {"from_schema", from_version},
                             {"note", "records written before the ledger existed were chained when the case file "
                                      "was upgraded; nothing proves they were unaltered before this entry"}}});
}

}  // namespace

const std::vector<Migration>& case_migrations() {
  static const std::vector<Migration> steps = {
      {1, "items, findings, reviews, custody log",
       R"sql(
CREATE TABLE items (
  id INTEGER PRIMARY KEY,
  sha256 TEXT NOT NULL UNIQUE,
  size_bytes INTEGER NOT NULL,
  original_path TEXT NOT NULL,
  intake_utc TEXT NOT NULL,
  container_json TEXT NOT NULL,
  decoded_duration_s REAL NOT NULL DEFAULT 0
);
CREATE TABLE findings (
  id INTEGER PRIMARY KEY,
  item_id INTEGER NOT NULL REFERENCES items(id),
  custody_id INTEGER NOT NULL REFERENCES custody_log(id),
  created_utc TEXT NOT NULL,
  kind TEXT NOT NULL,
  detector TEXT NOT NULL,
  start_s REAL NOT NULL,
  end_s REAL NOT NULL,
  strength REAL NOT NULL,
  summary TEXT NOT NULL,
  method TEXT NOT NULL,
  parameters_json TEXT NOT NULL,
  evidence_json TEXT NOT NULL
);
CREATE INDEX findings_by_item ON findings(item_id);
CREATE TABLE reviews (
  id INTEGER PRIMARY KEY,
  finding_id INTEGER NOT NULL REFERENCES findings(id),
  status TEXT NOT NULL CHECK (status IN ('confirmed', 'rejected', 'proposed')),
  examiner TEXT NOT NULL,
  note TEXT NOT NULL,
  at_utc TEXT NOT NULL
);
CREATE INDEX reviews_by_finding ON reviews(finding_id);
CREATE TABLE custody_log (
  id INTEGER PRIMARY KEY,
  at_utc TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  item_sha256 TEXT NOT NULL,
  tool_version TEXT NOT NULL,
  parameters_json TEXT NOT NULL,
  previous_hash TEXT NOT NULL,
  entry_hash TEXT NOT NULL
);
-- Findings, reviews and the custody log are append-only.
CREATE TRIGGER findings_no_update BEFORE UPDATE ON findings BEGIN SELECT RAISE(ABORT, 'findings are append-only'); END;
CREATE TRIGGER findings_no_delete BEFORE DELETE ON findings BEGIN SELECT RAISE(ABORT, 'findings are append-only'); END;
CREATE TRIGGER reviews_no_update BEFORE UPDATE ON reviews BEGIN SELECT RAISE(ABORT, 'reviews are append-only'); END;
CREATE TRIGGER reviews_no_delete BEFORE DELETE ON reviews BEGIN SELECT RAISE(ABORT, 'reviews are append-only'); END;
CREATE TRIGGER custody_no_update BEFORE UPDATE ON custody_log BEGIN SELECT RAISE(ABORT, 'the custody log is append-only'); END;
CREATE TRIGGER custody_no_delete BEFORE DELETE ON custody_log BEGIN SELECT RAISE(ABORT, 'the custody log is append-only'); END;
)sql"},
      {2, "the full report of each analysis run (figures and analysis sections)",
       R"sql(
CREATE TABLE run_reports (
  custody_id INTEGER PRIMARY KEY REFERENCES custody_log(id),
  item_id INTEGER NOT NULL REFERENCES items(id),
  report_json TEXT NOT NULL
);
CREATE INDEX run_reports_by_item ON run_reports(item_id);
CREATE TRIGGER run_reports_no_update BEFORE UPDATE ON run_reports BEGIN SELECT RAISE(ABORT, 'run reports are append-only'); END;
CREATE TRIGGER run_reports_no_delete BEFORE DELETE ON run_reports BEGIN SELECT RAISE(ABORT, 'run reports are append-only'); END;
)sql"},
      {3, "the ledger: one hash chain over every record of the case file",
       R"sql(
CREATE TABLE ledger (
  seq INTEGER PRIMARY KEY,
  table_name TEXT NOT NULL,
  row_id INTEGER NOT NULL,
  content_sha256 TEXT NOT NULL,
  previous_hash TEXT NOT NULL,
  entry_hash TEXT NOT NULL,
  UNIQUE (table_name, row_id)
);
CREATE TRIGGER ledger_no_update BEFORE UPDATE ON ledger BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
CREATE TRIGGER ledger_no_delete BEFORE DELETE ON ledger BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
CREATE TRIGGER items_no_update BEFORE UPDATE ON items BEGIN SELECT RAISE(ABORT, 'items are append-only'); END;
CREATE TRIGGER items_no_delete BEFORE DELETE ON items BEGIN SELECT RAISE(ABORT, 'items are append-only'); END;
)sql",
       chain_existing_records},
      {4, "subjects (names and aliases), the items attributed to them, and sourced claims about them",
       R"sql(
CREATE TABLE subjects (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  created_utc TEXT NOT NULL,
  examiner TEXT NOT NULL
);
CREATE TABLE subject_aliases (
  id INTEGER PRIMARY KEY,
  subject_id INTEGER NOT NULL REFERENCES subjects(id),
  alias TEXT NOT NULL,
  created_utc TEXT NOT NULL,
  examiner TEXT NOT NULL
);
CREATE INDEX subject_aliases_by_subject ON subject_aliases(subject_id);
CREATE TABLE subject_items (
  id INTEGER PRIMARY KEY,
  subject_id INTEGER NOT NULL REFERENCES subjects(id),
  item_id INTEGER NOT NULL REFERENCES items(id),
  released TEXT,
  linked_utc TEXT NOT NULL,
  examiner TEXT NOT NULL
);
CREATE INDEX subject_items_by_subject ON subject_items(subject_id);
CREATE INDEX subject_items_by_item ON subject_items(item_id);
CREATE TABLE claims (
  id INTEGER PRIMARY KEY,
  subject_id INTEGER NOT NULL REFERENCES subjects(id),
  status TEXT NOT NULL CHECK (status IN ('killed', 'injured', 'alive', 'captured', 'seen_in')),
  place TEXT NOT NULL,
  event_date TEXT NOT NULL,
  published_date TEXT NOT NULL,
  claimant TEXT NOT NULL,
  published_in TEXT NOT NULL,
  source TEXT NOT NULL,
  assessment TEXT NOT NULL,
  origin TEXT NOT NULL,
  added_utc TEXT NOT NULL,
  examiner TEXT NOT NULL
);
CREATE INDEX claims_by_subject ON claims(subject_id);
CREATE TRIGGER subjects_no_update BEFORE UPDATE ON subjects BEGIN SELECT RAISE(ABORT, 'subjects are append-only'); END;
CREATE TRIGGER subjects_no_delete BEFORE DELETE ON subjects BEGIN SELECT RAISE(ABORT, 'subjects are append-only'); END;
CREATE TRIGGER subject_aliases_no_update BEFORE UPDATE ON subject_aliases BEGIN SELECT RAISE(ABORT, 'aliases are append-only'); END;
CREATE TRIGGER subject_aliases_no_delete BEFORE DELETE ON subject_aliases BEGIN SELECT RAISE(ABORT, 'aliases are append-only'); END;
CREATE TRIGGER subject_items_no_update BEFORE UPDATE ON subject_items BEGIN SELECT RAISE(ABORT, 'subject links are append-only'); END;
CREATE TRIGGER subject_items_no_delete BEFORE DELETE ON subject_items BEGIN SELECT RAISE(ABORT, 'subject links are append-only'); END;
CREATE TRIGGER claims_no_update BEFORE UPDATE ON claims BEGIN SELECT RAISE(ABORT, 'claims are append-only'); END;
CREATE TRIGGER claims_no_delete BEFORE DELETE ON claims BEGIN SELECT RAISE(ABORT, 'claims are append-only'); END;
)sql"},
  };
  return steps;
}

int latest_case_schema_version() { return case_migrations().back().version; }

}  // namespace prov::casefile

#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

struct sqlite3;

namespace prov::casefile {

// The ledger: one hash chain over every record appended to a case file
// (items, custody entries, findings, run reports, reviews, subjects, their
// aliases and items, claims). Entry n holds the
// SHA-256 of its row's canonical content and
//   entry_hash(n) = SHA-256(entry_hash(n-1), n, table, row id, content hash),
// so editing, inserting or deleting any record, or any ledger entry, shows in
// verify_ledger(); rewriting the whole chain changes the head, which the
// examiner can write down or have timestamped and check later.

// The tables whose rows are chained, in the order old rows are chained when a
// case file is brought up to the ledger schema.
const std::vector<std::string>& ledger_tables();

// The canonical content of one row: every column, by name in sorted order,
// each with its storage type and exact value (reals as their bit pattern).
// NULL columns are left out, so a column added later as nullable with no
// default does not change the content of older rows. nullopt: no such row.
std::optional<std::string> canonical_row(sqlite3* db, std::string_view table, int64_t row_id);

// Appends the ledger entry of a row just inserted. Call inside the write
// transaction that inserted it. Throws when the row is unknown or already
// has an entry (a case file whose rows were deleted outside Provenance).
void append_ledger(sqlite3* db, std::string_view table, int64_t row_id);

// Chains every row of the ledger tables that has no entry yet (ledger_tables()
// order, then row id); returns how many. Used once, when an older case file
// gains the ledger.
int64_t chain_unledgered_rows(sqlite3* db);

struct LedgerHead {
  int64_t seq = 0;   // 0: empty ledger
  std::string hash;  // 64 zeros for an empty ledger
};

// One thing wrong with a case file.
struct LedgerProblem {
  enum class Kind {
    chain_broken,       // a ledger entry's previous or own hash does not recompute
    record_edited,      // the row's content differs from what was chained
    record_deleted,     // the entry's row is gone
    record_unlogged,    // a row with no ledger entry (inserted outside Provenance)
    duplicate_entry,    // two entries for one row
    unknown_table,      // an entry names a table that is not chained
    custody_chain,      // the custody log's own hash chain is broken
    structure,          // a chained table or the ledger itself is missing or unreadable
    head_beyond_end,    // the recorded head is past the end: newest entries removed
    head_mismatch,      // the entry at the recorded head's seq has another hash
  };
  Kind kind;
  std::string table;   // as stored (may hold any bytes: print with terminal_safe)
  int64_t row_id = 0;  // 0 when not about one row
  int64_t seq = 0;     // ledger entry, 0 when the row has none
  std::string detail;  // one line of plain English
};

std::string_view to_string(LedgerProblem::Kind kind);

struct VerifyResult {
  bool intact() const { return problems.empty(); }
  int64_t entries = 0;
  LedgerHead head;                       // the last entry as found
  std::vector<LedgerProblem> problems;   // first bad record first
  std::optional<LedgerHead> checked_head;  // the head the examiner gave, if any
};

// Puts problems in reading order: damage to the file's structure, then by
// ledger position, then records that have no entry.
void sort_problems(std::vector<LedgerProblem>& problems);

// Parses "SEQ:HASH" (as `case log` prints it); nullopt when malformed.
std::optional<LedgerHead> parse_ledger_head(std::string_view text);

// Recomputes every record's content hash and the chain, and finds rows with no
// entry, entries with no row and duplicate entries; with `recorded_head`, also
// whether the ledger still reaches that head. Never throws for a damaged file:
// damage is a problem in the result.
VerifyResult verify_ledger(sqlite3* db, const std::optional<LedgerHead>& recorded_head = std::nullopt);

// The ledger entry hash of one record, for `case log`. Empty when none.
std::string ledger_hash_of(sqlite3* db, std::string_view table, int64_t row_id);
LedgerHead ledger_head(sqlite3* db);

}  // namespace prov::casefile

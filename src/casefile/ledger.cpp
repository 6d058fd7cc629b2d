#include "casefile/ledger.h"

#include <fmt/format.h>
#include <sqlite3.h>

#include <algorithm>
#include <cstring>
#include <limits>
#include <memory>
#include <set>
#include <stdexcept>

#include "core/error.h"
#include "core/sha256.h"
#include "sqlite/statement.h"

namespace prov::casefile {
namespace {

using sqlite::Statement;
const sqlite::Context kLedger{.label = "case ledger", .prepare_note = "cannot prepare statement: "};
// A read that fails means a damaged case file: the user's file, not this build.
const sqlite::Context kLedgerRead{.label = "case ledger", .prepare_note = "cannot read the case file: ",
                                  .input_error = true};
const std::string kZeroHash(64, '0');

bool is_ledger_table(std::string_view table) {
  const auto& tables = ledger_tables();
  return std::find(tables.begin(), tables.end(), table) != tables.end();
}

std::string entry_hash(const std::string& previous, int64_t seq, std::string_view table, int64_t row_id,
                       const std::string& content_sha256) {
  return sha256_hex(fmt::format("{}\x1f{}\x1f{}\x1f{}\x1f{}", previous, seq, table, row_id, content_sha256));
}

bool table_exists(sqlite3* db, const std::string& name) {
  Statement st(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", kLedgerRead);
  st.bind(1, name);
  return st.step();
}

// Problems in the order an examiner should read them: damage to the file's
// structure, then by ledger position, then rows that have no entry at all.
int64_t reading_order(const LedgerProblem& p) {
  if (p.kind == LedgerProblem::Kind::structure) return -1;
  return p.seq > 0 ? p.seq : std::numeric_limits<int64_t>::max();
}

}  // namespace

const std::vector<std::string>& ledger_tables() {
  static const std::vector<std::string> tables = {"items",    "custody_log",     "findings",      "run_reports",
                                                   "reviews",  "subjects",        "subject_aliases", "subject_items",
                                                   "claims"};
  return tables;
}

std::optional<std::string> canonical_row(sqlite3* db, std::string_view table, int64_t row_id) {
  if (!is_ledger_table(table)) throw std::invalid_argument(fmt::format("'{}' is not a chained table", table));
  // Column names and storage types are needed, which Statement does not give.
  const std::string sql = fmt::format("SELECT * FROM \"{}\" WHERE rowid = ?", table);
  sqlite3_stmt* prepared = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &prepared, nullptr) != SQLITE_OK) {
    sqlite3_finalize(prepared);
    throw InputError(fmt::format("case ledger: cannot read {}: {}", table, sqlite3_errmsg(db)));
  }
  const std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> owner(prepared, sqlite3_finalize);
  sqlite3_stmt* raw = prepared;
  sqlite3_bind_int64(raw, 1, row_id);
  const int rc = sqlite3_step(raw);
  if (rc == SQLITE_DONE) return std::nullopt;
  if (rc != SQLITE_ROW) throw InputError(fmt::format("case ledger: cannot read {}: {}", table, sqlite3_errmsg(db)));
  std::vector<std::pair<std::string, std::string>> columns;
  const int count = sqlite3_column_count(raw);
  for (int i = 0; i < count; ++i) {
    const int type = sqlite3_column_type(raw, i);
    if (type == SQLITE_NULL) continue;
    std::string value;
    char tag = '?';
    switch (type) {
      case SQLITE_INTEGER:
        tag = 'i';
        value = std::to_string(sqlite3_column_int64(raw, i));
        break;
      case SQLITE_FLOAT: {
        tag = 'r';
        const double d = sqlite3_column_double(raw, i);
        uint64_t bits = 0;
        std::memcpy(&bits, &d, sizeof bits);
        value = fmt::format("{:016x}", bits);
        break;
      }
      case SQLITE_TEXT:
        tag = 't';
        value.assign(reinterpret_cast<const char*>(sqlite3_column_text(raw, i)),
                     static_cast<std::size_t>(sqlite3_column_bytes(raw, i)));
        break;
      default:
        tag = 'b';
        if (const void* blob = sqlite3_column_blob(raw, i))
          value.assign(static_cast<const char*>(blob), static_cast<std::size_t>(sqlite3_column_bytes(raw, i)));
        break;
    }
    const char* name = sqlite3_column_name(raw, i);
    columns.emplace_back(name ? name : "", fmt::format("{}{}:{}", tag, value.size(), value));
  }
  std::sort(columns.begin(), columns.end());
  std::string out = fmt::format("{}:{}", table.size(), table);
  for (const auto& [name, value] : columns) out += fmt::format("|{}:{}={}", name.size(), name, value);
  return out;
}

LedgerHead ledger_head(sqlite3* db) {
  Statement st(db, "SELECT seq, entry_hash FROM ledger ORDER BY seq DESC LIMIT 1", kLedgerRead);
  if (!st.step()) return {0, kZeroHash};
  return {st.int64(0), st.text(1)};
}

void append_ledger(sqlite3* db, std::string_view table, int64_t row_id) {
  const auto content = canonical_row(db, table, row_id);
  if (!content) throw std::runtime_error(fmt::format("case ledger: no row {} in {}", row_id, table));
  {
    Statement known(db, "SELECT seq FROM ledger WHERE table_name = ? AND row_id = ?", kLedgerRead);
    known.bind(1, std::string(table)).bind(2, row_id);
    if (known.step()) {
      throw InputError(fmt::format(
          "the case file was altered outside Provenance: {} row {} already has ledger entry {}; "
          "run `provenance case verify` on it",
          table, row_id, known.int64(0)));
    }
  }
  const LedgerHead head = ledger_head(db);
  const int64_t seq = head.seq + 1;
  const std::string content_sha256 = sha256_hex(*content);
  Statement st(db,
               "INSERT INTO ledger (seq, table_name, row_id, content_sha256, previous_hash, entry_hash) "
               "VALUES (?, ?, ?, ?, ?, ?)",
               kLedger);
  st.bind(1, seq)
      .bind(2, std::string(table))
      .bind(3, row_id)
      .bind(4, content_sha256)
      .bind(5, head.hash)
      .bind(6, entry_hash(head.hash, seq, table, row_id, content_sha256));
  st.run();
}

int64_t chain_unledgered_rows(sqlite3* db) {
  int64_t chained = 0;
  for (const auto& table : ledger_tables()) {
    // A file brought up to the ledger step has none of the later steps' tables yet.
    if (!table_exists(db, table)) continue;
    std::vector<int64_t> rows;
    {
      Statement st(db,
                   fmt::format("SELECT rowid FROM \"{0}\" WHERE rowid NOT IN "
                               "(SELECT row_id FROM ledger WHERE table_name = '{0}') ORDER BY rowid",
                               table),
                   kLedgerRead);
      while (st.step()) rows.push_back(st.int64(0));
    }
    for (int64_t row : rows) append_ledger(db, table, row);
    chained += static_cast<int64_t>(rows.size());
  }
  return chained;
}

std::string ledger_hash_of(sqlite3* db, std::string_view table, int64_t row_id) {
  Statement st(db, "SELECT entry_hash FROM ledger WHERE table_name = ? AND row_id = ? ORDER BY seq LIMIT 1", kLedgerRead);
  st.bind(1, std::string(table)).bind(2, row_id);
  return st.step() ? st.text(0) : std::string();
}

void sort_problems(std::vector<LedgerProblem>& problems) {
  std::stable_sort(problems.begin(), problems.end(),
                   [](const LedgerProblem& a, const LedgerProblem& b) { return reading_order(a) < reading_order(b); });
}

std::string_view to_string(LedgerProblem::Kind kind) {
  using K = LedgerProblem::Kind;
  switch (kind) {
    case K::chain_broken: return "chain_broken";
    case K::record_edited: return "record_edited";
    case K::record_deleted: return "record_deleted";
    case K::record_unlogged: return "record_unlogged";
    case K::duplicate_entry: return "duplicate_entry";
    case K::unknown_table: return "unknown_table";
    case K::custody_chain: return "custody_chain";
    case K::structure: return "structure";
    case K::head_beyond_end: return "head_beyond_end";
    case K::head_mismatch: return "head_mismatch";
  }
  return "unknown";
}

std::optional<LedgerHead> parse_ledger_head(std::string_view text) {
  const auto colon = text.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon > 18) return std::nullopt;
  const std::string_view seq = text.substr(0, colon), hash = text.substr(colon + 1);
  if (seq.find_first_not_of("0123456789") != std::string_view::npos) return std::nullopt;
  if (hash.size() != 64 || hash.find_first_not_of("0123456789abcdef") != std::string_view::npos) return std::nullopt;
  return LedgerHead{std::stoll(std::string(seq)), std::string(hash)};
}

VerifyResult verify_ledger(sqlite3* db, const std::optional<LedgerHead>& recorded_head) {
  using K = LedgerProblem::Kind;
  VerifyResult result;
  result.head = {0, kZeroHash};
  result.checked_head = recorded_head;
  auto& problems = result.problems;
  try {
    if (!table_exists(db, "ledger")) {
      problems.push_back({K::structure, "ledger", 0, 0, "the ledger table is missing"});
      return result;
    }
    std::vector<std::string> present;
    for (const auto& table : ledger_tables()) {
      if (table_exists(db, table)) present.push_back(table);
      else problems.push_back({K::structure, table, 0, 0, fmt::format("table {} is missing", table)});
    }
    std::set<std::pair<std::string, int64_t>> seen;
    std::string previous = kZeroHash;
    int64_t expected_seq = 1;
    std::optional<std::string> hash_at_recorded_seq;
    Statement st(db,
                 "SELECT seq, table_name, row_id, content_sha256, previous_hash, entry_hash FROM ledger ORDER BY seq",
                 kLedgerRead);
    while (st.step()) {
      const int64_t seq = st.int64(0);
      const std::string table = st.text(1);
      const int64_t row = st.int64(2);
      const std::string content_sha256 = st.text(3), stored_previous = st.text(4), stored_hash = st.text(5);
      ++result.entries;
      result.head = {seq, stored_hash};
      if (recorded_head && recorded_head->seq == seq) hash_at_recorded_seq = stored_hash;
      if (seq != expected_seq) {
        problems.push_back({K::chain_broken, table, row, seq,
                            fmt::format("ledger entries {}-{} are missing", expected_seq, seq - 1)});
      } else if (stored_previous != previous) {
        problems.push_back({K::chain_broken, table, row, seq,
                            "does not follow the entry before it (an entry was edited, inserted or removed)"});
      } else if (entry_hash(stored_previous, seq, table, row, content_sha256) != stored_hash) {
        problems.push_back({K::chain_broken, table, row, seq, "the ledger entry was edited"});
      }
      previous = stored_hash;
      expected_seq = seq + 1;
      if (!is_ledger_table(table)) {
        problems.push_back({K::unknown_table, table, row, seq, "the entry names a table that is not chained"});
        continue;
      }
      if (!seen.emplace(table, row).second) {
        problems.push_back({K::duplicate_entry, table, row, seq, "a second ledger entry for the same record"});
        continue;
      }
      if (std::find(present.begin(), present.end(), table) == present.end()) continue;
      const auto content = canonical_row(db, table, row);
      if (!content) {
        problems.push_back({K::record_deleted, table, row, seq, "the record was deleted"});
      } else if (sha256_hex(*content) != content_sha256) {
        problems.push_back({K::record_edited, table, row, seq, "the record was changed after it was written"});
      }
    }
    for (const auto& table : present) {
      Statement rows(db, fmt::format("SELECT rowid FROM \"{}\" ORDER BY rowid", table), kLedgerRead);
      while (rows.step()) {
        const int64_t row = rows.int64(0);
        if (!seen.count({table, row})) {
          problems.push_back({K::record_unlogged, table, row, 0,
                              "the record has no ledger entry (written outside Provenance)"});
        }
      }
    }
    if (recorded_head) {
      if (recorded_head->seq > result.head.seq) {
        problems.push_back({K::head_beyond_end, "ledger", 0, recorded_head->seq,
                            fmt::format("the recorded head is entry {} but the ledger ends at {}: newer entries "
                                        "were removed",
                                        recorded_head->seq, result.head.seq)});
      } else if (recorded_head->seq > 0 && hash_at_recorded_seq != recorded_head->hash) {
        problems.push_back({K::head_mismatch, "ledger", 0, recorded_head->seq,
                            "the entry at the recorded head has another hash: the ledger was rewritten (or the head was copied wrongly)"});
      }
    }
  } catch (const std::exception& e) {
    problems.push_back({K::structure, "", 0, 0, fmt::format("the case file cannot be read: {}", e.what())});
  }
  sort_problems(problems);
  return result;
}

}  // namespace prov::casefile

#include "casefile/case_store.h"

#include <fmt/format.h>
#include <sqlite3.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "casefile/migrations.h"
#include "core/error.h"
#include "core/sha256.h"
#include "sqlite/statement.h"

namespace prov::casefile {
namespace {

constexpr int kApplicationId = 0x50524F56;  // "PROV"

using sqlite::Statement;
const sqlite::Context kCaseStore{.label = "case store", .prepare_note = "cannot prepare statement: "};
// A read that fails means a damaged case file: the user's file, not this build.
const sqlite::Context kCaseRead{.label = "case store", .prepare_note = "cannot read the case file: ", .input_error = true};

void execute(sqlite3* db, const std::string& sql) { sqlite::execute(db, sql, kCaseStore); }

int pragma_int(sqlite3* db, const char* pragma) {
  Statement st(db, std::string("PRAGMA ") + pragma, kCaseRead);
  return st.step() ? static_cast<int>(st.int64(0)) : 0;
}

bool looks_like_sqlite(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  char header[16] = {0};
  in.read(header, sizeof header);
  return in.gcount() == 16 && std::memcmp(header, "SQLite format 3", 16) == 0;
}

struct Header {
  int application_id = 0;
  int user_version = 0;
  int tables = 0;
};

// One statement, so one snapshot: another process creating the same file
// cannot commit between the reads.
Header read_header(sqlite3* db) {
  Statement st(db,
               "SELECT (SELECT application_id FROM pragma_application_id()), "
               "(SELECT user_version FROM pragma_user_version()), (SELECT count(*) FROM sqlite_master)",
               kCaseRead);
  if (!st.step()) return {};
  return {static_cast<int>(st.int64(0)), static_cast<int>(st.int64(1)), static_cast<int>(st.int64(2))};
}

void check_header(const Header& h, const std::string& path) {
  if (h.application_id != 0 && h.application_id != kApplicationId) {
    throw InputError(fmt::format("{}: an SQLite database of another application, not a case file", path));
  }
  if (h.application_id == 0 && h.tables > 0) {
    throw InputError(fmt::format("{}: an SQLite database that is not a Provenance case file", path));
  }
  if (h.user_version > latest_case_schema_version()) {
    throw InputError(fmt::format("{}: case file schema version {} is newer than this build knows ({}); "
                                 "open it with a newer Provenance",
                                 path, h.user_version, latest_case_schema_version()));
  }
}

// Each step runs under the write lock and first re-reads the version, so
// two processes opening (or creating) the same file at once apply each step
// exactly once; the second finds the work done.
void apply_migrations(sqlite3* db, const std::string& path) {
  for (const auto& m : case_migrations()) {
    if (read_header(db).user_version >= m.version) continue;
    execute(db, "BEGIN IMMEDIATE");
    try {
      const Header h = read_header(db);
      check_header(h, path);
      if (h.user_version < m.version) {
        execute(db, m.sql);
        if (m.after) m.after(db, h.user_version);
        execute(db, fmt::format("PRAGMA application_id = {}; PRAGMA user_version = {}", kApplicationId, m.version));
      }
      execute(db, "COMMIT");
    } catch (const InputError&) {
      execute(db, "ROLLBACK");
      throw;
    } catch (const std::exception& e) {
      execute(db, "ROLLBACK");
      throw std::runtime_error(fmt::format("schema step {} ({}) failed: {}", m.version, m.description, e.what()));
    }
  }
}

// JSON the case store wrote; a file altered outside Provenance may hold anything.
nlohmann::json stored_json(const std::string& text, std::string_view what) {
  auto value = nlohmann::json::parse(text, nullptr, false);
  if (value.is_discarded()) throw InputError(fmt::format("case file damaged: {} is not valid JSON", what));
  return value;
}

Finding finding_from_row(const Statement& st, int first) {
  Finding f;
  f.kind = st.text(first);
  f.detector = st.text(first + 1);
  f.start_s = st.real(first + 2);
  f.end_s = st.real(first + 3);
  f.strength = st.real(first + 4);
  f.summary = st.text(first + 5);
  f.method = st.text(first + 6);
  f.parameters = stored_json(st.text(first + 7), "a finding's parameters");
  f.evidence = stored_json(st.text(first + 8), "a finding's evidence");
  return f;
}

constexpr const char* kFindingColumns =
    "f.id, f.item_id, f.custody_id, f.created_utc, f.kind, f.detector, f.start_s, f.end_s, f.strength, f.summary, f.method, "
    "f.parameters_json, f.evidence_json, "
    "(SELECT r.status FROM reviews r WHERE r.finding_id = f.id ORDER BY r.id DESC LIMIT 1)";

StoredFinding stored_finding_from_row(const Statement& st) {
  StoredFinding s;
  s.id = st.int64(0);
  s.item_id = st.int64(1);
  s.custody_id = st.int64(2);
  s.created_utc = st.text(3);
  s.finding = finding_from_row(st, 4);
  if (!st.is_null(13)) {
    try {
      s.finding.status = finding_status_from_string(st.text(13));
    } catch (const std::invalid_argument&) {
      throw InputError(fmt::format("case file damaged: finding {} has a review of unknown status", s.id));
    }
  }
  return s;
}

ItemRecord item_from_row(const Statement& st) {
  ItemRecord item;
  item.id = st.int64(0);
  item.sha256 = st.text(1);
  item.size_bytes = static_cast<uint64_t>(st.int64(2));
  item.original_path = st.text(3);
  item.intake_utc = st.text(4);
  item.container = stored_json(st.text(5), "an item's container facts");
  item.decoded_duration_s = st.real(6);
  return item;
}

constexpr const char* kItemColumns =
    "id, sha256, size_bytes, original_path, intake_utc, container_json, decoded_duration_s";

}  // namespace

CaseStore CaseStore::open(const std::string& path, Mode mode) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (path == ":memory:") {
    sqlite3* memory = nullptr;
    if (sqlite3_open(":memory:", &memory) != SQLITE_OK) throw std::runtime_error("cannot open an in-memory store");
    CaseStore store(memory, path);
    apply_migrations(memory, path);
    return store;
  }
  const bool exists = fs::exists(path, ec);
  if (exists && fs::is_directory(path, ec)) throw InputError(fmt::format("{}: is a folder, not a case file", path));
  if (!exists && mode == Mode::open_existing) throw InputError(fmt::format("{}: no such case file", path));
  const bool empty_file = exists && fs::file_size(path, ec) == 0;
  if (exists && !empty_file && !looks_like_sqlite(path)) {
    throw InputError(fmt::format("{}: not a Provenance case file (not an SQLite database)", path));
  }

  sqlite3* raw = nullptr;
  const int flags = mode == Mode::create_if_missing ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE : SQLITE_OPEN_READWRITE;
  if (sqlite3_open_v2(path.c_str(), &raw, flags, nullptr) != SQLITE_OK) {
    std::string message = raw ? sqlite3_errmsg(raw) : "out of memory";
    sqlite3_close(raw);
    throw InputError(fmt::format("{}: cannot open case file: {}", path, message));
  }
  CaseStore store(raw, path);
  sqlite3_busy_timeout(raw, 5000);
  try {
    execute(raw, "PRAGMA foreign_keys = ON");
    check_header(read_header(raw), path);
    apply_migrations(raw, path);
  } catch (const InputError&) {
    throw;
  } catch (const std::exception& e) {
    throw InputError(fmt::format("{}: {}", path, e.what()));
  }
  return store;
}

CaseStore::CaseStore(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
CaseStore::~CaseStore() { sqlite3_close(db_); }
CaseStore::CaseStore(CaseStore&& other) noexcept : db_(other.db_), path_(std::move(other.path_)) {
  other.db_ = nullptr;
}
CaseStore& CaseStore::operator=(CaseStore&& other) noexcept {
  if (this != &other) {
    sqlite3_close(db_);
    db_ = other.db_;
    path_ = std::move(other.path_);
    other.db_ = nullptr;
  }
  return *this;
}

int CaseStore::schema_version() const { return pragma_int(db_, "user_version"); }

void CaseStore::begin() { execute(db_, "BEGIN IMMEDIATE"); }
void CaseStore::commit() { execute(db_, "COMMIT"); }
void CaseStore::rollback() {
  if (!sqlite3_get_autocommit(db_)) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
}

template <typename F>
void CaseStore::atomically(F&& work) {
  if (sqlite3_get_autocommit(db_)) {
    transaction(std::forward<F>(work));
    return;
  }
  execute(db_, "SAVEPOINT record");
  try {
    work();
  } catch (...) {
    sqlite3_exec(db_, "ROLLBACK TO record; RELEASE record", nullptr, nullptr, nullptr);
    throw;
  }
  execute(db_, "RELEASE record");
}

void CaseStore::write_atomically(const std::function<void()>& work) { atomically(work); }

int64_t CaseStore::register_item(const ItemRecord& item) {
  if (auto known = find_item(item.sha256)) return known->id;
  Statement st(db_,
               "INSERT INTO items (sha256, size_bytes, original_path, intake_utc, container_json, decoded_duration_s) "
               "VALUES (?, ?, ?, ?, ?, ?)",
               kCaseStore);
  st.bind(1, item.sha256)
      .bind(2, static_cast<int64_t>(item.size_bytes))
      .bind(3, item.original_path)
      .bind(4, item.intake_utc.empty() ? utc_now_iso8601() : item.intake_utc)
      .bind(5, safe_json_dump(item.container))
      .bind(6, item.decoded_duration_s);
  int64_t id = 0;
  atomically([&] {
    st.run();
    id = sqlite3_last_insert_rowid(db_);
    append_ledger(db_, "items", id);
  });
  return id;
}

std::optional<ItemRecord> CaseStore::find_item(const std::string& key) const {
  const bool numeric = !key.empty() && key.size() < 19 && key.find_first_not_of("0123456789") == std::string::npos;
  Statement st(db_,
               numeric ? fmt::format("SELECT {} FROM items WHERE id = ?", kItemColumns)
                       : fmt::format("SELECT {} FROM items WHERE substr(sha256, 1, length(?1)) = ?1 ORDER BY id",
                                     kItemColumns),
               kCaseRead);
  if (numeric) st.bind(1, static_cast<int64_t>(std::stoll(key)));
  else st.bind(1, key);
  if (!st.step()) return std::nullopt;
  ItemRecord item = item_from_row(st);
  if (!numeric && st.step()) throw InputError(fmt::format("'{}' matches more than one item; give more of the hash", key));
  return item;
}

std::vector<ItemRecord> CaseStore::items() const {
  Statement st(db_, fmt::format("SELECT {} FROM items ORDER BY id", kItemColumns), kCaseRead);
  std::vector<ItemRecord> out;
  while (st.step()) out.push_back(item_from_row(st));
  return out;
}

int64_t CaseStore::add_finding(int64_t item_id, int64_t custody_id, const Finding& f) {
  Statement st(db_,
               "INSERT INTO findings (item_id, custody_id, created_utc, kind, detector, start_s, end_s, strength, "
               "summary, method, parameters_json, evidence_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
               kCaseStore);
  st.bind(1, item_id)
      .bind(2, custody_id)
      .bind(3, utc_now_iso8601())
      .bind(4, f.kind)
      .bind(5, f.detector)
      .bind(6, f.start_s)
      .bind(7, f.end_s)
      .bind(8, f.strength)
      .bind(9, f.summary)
      .bind(10, f.method)
      .bind(11, safe_json_dump(f.parameters))
      .bind(12, safe_json_dump(f.evidence));
  int64_t id = 0;
  atomically([&] {
    st.run();
    id = sqlite3_last_insert_rowid(db_);
    append_ledger(db_, "findings", id);
  });
  return id;
}

std::vector<StoredFinding> CaseStore::findings(std::optional<int64_t> item_id) const {
  Statement st(db_,
               fmt::format("SELECT {} FROM findings f {} ORDER BY f.item_id, f.start_s, f.id", kFindingColumns,
                           item_id ? "WHERE f.item_id = ?" : ""),
               kCaseRead);
  if (item_id) st.bind(1, *item_id);
  std::vector<StoredFinding> out;
  while (st.step()) out.push_back(stored_finding_from_row(st));
  return out;
}

std::vector<StoredFinding> CaseStore::findings_of_run(int64_t custody_id) const {
  Statement st(
      db_, fmt::format("SELECT {} FROM findings f WHERE f.custody_id = ? ORDER BY f.start_s, f.id", kFindingColumns),
      kCaseRead);
  st.bind(1, custody_id);
  std::vector<StoredFinding> out;
  while (st.step()) out.push_back(stored_finding_from_row(st));
  return out;
}

std::optional<StoredFinding> CaseStore::finding(int64_t id) const {
  Statement st(db_, fmt::format("SELECT {} FROM findings f WHERE f.id = ?", kFindingColumns), kCaseRead);
  st.bind(1, id);
  if (!st.step()) return std::nullopt;
  return stored_finding_from_row(st);
}

int64_t CaseStore::add_review(int64_t finding_id, const std::string& status, const std::string& examiner,
                              const std::string& note) {
  finding_status_from_string(status);  // validates
  const auto target = finding(finding_id);
  if (!target) throw InputError(fmt::format("no finding with id {} in {}", finding_id, path_));
  if (target->finding.kind == "note")
    throw InputError(fmt::format("finding {} is a note (information about the recording), not a claim to confirm or "
                                 "reject",
                                 finding_id));
  Statement st(db_, "INSERT INTO reviews (finding_id, status, examiner, note, at_utc) VALUES (?, ?, ?, ?, ?)",
               kCaseStore);
  st.bind(1, finding_id).bind(2, status).bind(3, examiner).bind(4, note).bind(5, utc_now_iso8601());
  int64_t id = 0;
  atomically([&] {
    st.run();
    id = sqlite3_last_insert_rowid(db_);
    append_ledger(db_, "reviews", id);
  });
  return id;
}

std::vector<Review> CaseStore::reviews(int64_t finding_id) const {
  Statement st(db_,
               "SELECT id, finding_id, status, examiner, note, at_utc FROM reviews WHERE finding_id = ? ORDER BY id",
               kCaseRead);
  st.bind(1, finding_id);
  std::vector<Review> out;
  while (st.step()) {
    out.push_back({st.int64(0), st.int64(1), st.text(2), st.text(3), st.text(4), st.text(5)});
  }
  return out;
}

void CaseStore::save_run_report(int64_t custody_id, int64_t item_id, const nlohmann::json& report) {
  Statement st(db_, "INSERT INTO run_reports (custody_id, item_id, report_json) VALUES (?, ?, ?)", kCaseStore);
  st.bind(1, custody_id).bind(2, item_id).bind(3, safe_json_dump(report));
  atomically([&] {
    st.run();
    append_ledger(db_, "run_reports", custody_id);
  });
}

std::optional<std::pair<int64_t, nlohmann::json>> CaseStore::latest_run_report(int64_t item_id) const {
  Statement st(db_,
               "SELECT custody_id, report_json FROM run_reports WHERE item_id = ? ORDER BY custody_id DESC LIMIT 1",
               kCaseRead);
  st.bind(1, item_id);
  if (!st.step()) return std::nullopt;
  return std::make_pair(st.int64(0), stored_json(st.text(1), "a run report"));
}

int64_t CaseStore::append_custody(const CustodyInput& input) {
  int64_t id = 0;
  atomically([&] { id = append_custody_entry(db_, input); });
  return id;
}

std::vector<CustodyEntry> CaseStore::custody_log(const std::string& item_sha256) const {
  Statement st(db_,
               std::string("SELECT id, at_utc, actor, action, item_sha256, tool_version, parameters_json, "
                           "previous_hash, entry_hash FROM custody_log ") +
                   (item_sha256.empty() ? "" : "WHERE item_sha256 = ? ") + "ORDER BY id",
               kCaseRead);
  if (!item_sha256.empty()) st.bind(1, item_sha256);
  std::vector<CustodyEntry> out;
  while (st.step()) {
    CustodyEntry e;
    e.id = st.int64(0);
    e.at_utc = st.text(1);
    e.actor = st.text(2);
    e.action = st.text(3);
    e.item_sha256 = st.text(4);
    e.tool_version = st.text(5);
    // An entry altered outside Provenance may hold anything: keep its text,
    // which then no longer hashes to entry_hash.
    e.parameters = nlohmann::json::parse(st.text(6), nullptr, false);
    if (e.parameters.is_discarded()) e.parameters = st.text(6);
    e.previous_hash = st.text(7);
    e.entry_hash = st.text(8);
    out.push_back(std::move(e));
  }
  return out;
}

int64_t CaseStore::verify_custody_chain() const {
  std::string previous(64, '0');
  for (const auto& e : custody_log()) {
    if (e.previous_hash != previous || custody_entry_hash(e) != e.entry_hash) return e.id;
    previous = e.entry_hash;
  }
  return 0;
}

VerifyResult CaseStore::verify(const std::optional<LedgerHead>& recorded_head) const {
  VerifyResult result = verify_ledger(db_, recorded_head);
  try {
    if (const int64_t broken = verify_custody_chain()) {
      int64_t seq = 0;
      Statement st(db_, "SELECT seq FROM ledger WHERE table_name = 'custody_log' AND row_id = ?", kCaseRead);
      st.bind(1, broken);
      if (st.step()) seq = st.int64(0);
      result.problems.push_back({LedgerProblem::Kind::custody_chain, "custody_log", broken, seq,
                                 "the custody log's own hash chain breaks at this entry"});
    }
  } catch (const std::exception& e) {
    result.problems.push_back({LedgerProblem::Kind::structure, "custody_log", 0, 0,
                               fmt::format("the custody log cannot be read: {}", e.what())});
  }
  sort_problems(result.problems);
  return result;
}

LedgerHead CaseStore::ledger_head() const { return casefile::ledger_head(db_); }

std::string CaseStore::ledger_hash(std::string_view table, int64_t row_id) const {
  return ledger_hash_of(db_, table, row_id);
}

}  // namespace prov::casefile

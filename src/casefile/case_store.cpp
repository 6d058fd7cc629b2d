#include "casefile/case_store.h"

#include <fmt/format.h>
#include <sqlite3.h>

#include <chrono>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>

#include "casefile/migrations.h"
#include "core/error.h"
#include "core/sha256.h"
#include "provenance_version.h"
#include "sqlite/statement.h"

namespace prov::casefile {
namespace {

constexpr int kApplicationId = 0x50524F56;  // "PROV"

using sqlite::Statement;
const sqlite::Context kCaseStore{.label = "case store", .prepare_note = "cannot prepare statement: "};

void execute(sqlite3* db, const std::string& sql) { sqlite::execute(db, sql, kCaseStore); }

// Text from media tags may hold invalid UTF-8; store it with replacement characters.
std::string safe_dump(const nlohmann::json& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

int pragma_int(sqlite3* db, const char* pragma) {
  Statement st(db, std::string("PRAGMA ") + pragma, kCaseStore);
  return st.step() ? static_cast<int>(st.int64(0)) : 0;
}

bool looks_like_sqlite(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  char header[16] = {0};
  in.read(header, sizeof header);
  return in.gcount() == 16 && std::memcmp(header, "SQLite format 3", 16) == 0;
}

int table_count(sqlite3* db) {
  Statement st(db, "SELECT count(*) FROM sqlite_master", kCaseStore);
  return st.step() ? static_cast<int>(st.int64(0)) : 0;
}

std::string custody_hash(const CustodyEntry& e) {
  return sha256_hex(fmt::format("{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}", e.previous_hash, e.at_utc, e.actor,
                                e.action, e.item_sha256, e.tool_version,
                                safe_dump(e.parameters)));
}

void apply_migrations(sqlite3* db, int from_version) {
  for (const auto& m : case_migrations()) {
    if (m.version <= from_version) continue;
    execute(db, "BEGIN IMMEDIATE");
    try {
      execute(db, m.sql);
      execute(db, fmt::format("PRAGMA application_id = {}; PRAGMA user_version = {}", kApplicationId, m.version));
      execute(db, "COMMIT");
    } catch (const std::exception& e) {
      execute(db, "ROLLBACK");
      throw std::runtime_error(fmt::format("schema step {} ({}) failed: {}", m.version, m.description, e.what()));
    }
  }
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
  f.parameters = nlohmann::json::parse(st.text(first + 7));
  f.evidence = nlohmann::json::parse(st.text(first + 8));
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
  if (!st.is_null(13)) s.finding.status = finding_status_from_string(st.text(13));
  return s;
}

ItemRecord item_from_row(const Statement& st) {
  ItemRecord item;
  item.id = st.int64(0);
  item.sha256 = st.text(1);
  item.size_bytes = static_cast<uint64_t>(st.int64(2));
  item.original_path = st.text(3);
  item.intake_utc = st.text(4);
  item.container = nlohmann::json::parse(st.text(5));
  item.decoded_duration_s = st.real(6);
  return item;
}

constexpr const char* kItemColumns =
    "id, sha256, size_bytes, original_path, intake_utc, container_json, decoded_duration_s";

}  // namespace

std::string utc_now_iso8601() {
  const auto now = std::chrono::system_clock::now();
  const std::time_t t = std::chrono::system_clock::to_time_t(now);
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm tm{};
  gmtime_r(&t, &tm);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                     tm.tm_hour, tm.tm_min, tm.tm_sec, ms);
}

CaseStore CaseStore::open(const std::string& path, Mode mode) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (path == ":memory:") {
    sqlite3* memory = nullptr;
    if (sqlite3_open(":memory:", &memory) != SQLITE_OK) throw std::runtime_error("cannot open an in-memory store");
    CaseStore store(memory, path);
    apply_migrations(memory, 0);
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
    const int app_id = pragma_int(raw, "application_id");
    const int version = pragma_int(raw, "user_version");
    if (app_id != 0 && app_id != kApplicationId) {
      throw InputError(fmt::format("{}: an SQLite database of another application, not a case file", path));
    }
    if (app_id == 0 && table_count(raw) > 0) {
      throw InputError(fmt::format("{}: an SQLite database that is not a Provenance case file", path));
    }
    if (version > latest_case_schema_version()) {
      throw InputError(fmt::format("{}: case file schema version {} is newer than this build knows ({}); "
                                   "open it with a newer Provenance",
                                   path, version, latest_case_schema_version()));
    }
    apply_migrations(raw, version);
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
      .bind(5, safe_dump(item.container))
      .bind(6, item.decoded_duration_s);
  st.run();
  return sqlite3_last_insert_rowid(db_);
}

std::optional<ItemRecord> CaseStore::find_item(const std::string& key) const {
  const bool numeric = !key.empty() && key.size() < 19 && key.find_first_not_of("0123456789") == std::string::npos;
  Statement st(db_,
               numeric ? fmt::format("SELECT {} FROM items WHERE id = ?", kItemColumns)
                       : fmt::format("SELECT {} FROM items WHERE sha256 LIKE ? || '%' ORDER BY id", kItemColumns),
               kCaseStore);
  if (numeric) st.bind(1, static_cast<int64_t>(std::stoll(key)));
  else st.bind(1, key);
  if (!st.step()) return std::nullopt;
  ItemRecord item = item_from_row(st);
  if (!numeric && st.step()) throw InputError(fmt::format("'{}' matches more than one item; give more of the hash", key));
  return item;
}

std::vector<ItemRecord> CaseStore::items() const {
  Statement st(db_, fmt::format("SELECT {} FROM items ORDER BY id", kItemColumns), kCaseStore);
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
      .bind(11, safe_dump(f.parameters))
      .bind(12, safe_dump(f.evidence));
  st.run();
  return sqlite3_last_insert_rowid(db_);
}

std::vector<StoredFinding> CaseStore::findings(std::optional<int64_t> item_id) const {
  Statement st(db_,
               fmt::format("SELECT {} FROM findings f {} ORDER BY f.item_id, f.start_s, f.id", kFindingColumns,
                           item_id ? "WHERE f.item_id = ?" : ""),
               kCaseStore);
  if (item_id) st.bind(1, *item_id);
  std::vector<StoredFinding> out;
  while (st.step()) out.push_back(stored_finding_from_row(st));
  return out;
}

std::vector<StoredFinding> CaseStore::findings_of_run(int64_t custody_id) const {
  Statement st(
      db_, fmt::format("SELECT {} FROM findings f WHERE f.custody_id = ? ORDER BY f.start_s, f.id", kFindingColumns),
      kCaseStore);
  st.bind(1, custody_id);
  std::vector<StoredFinding> out;
  while (st.step()) out.push_back(stored_finding_from_row(st));
  return out;
}

std::optional<StoredFinding> CaseStore::finding(int64_t id) const {
  Statement st(db_, fmt::format("SELECT {} FROM findings f WHERE f.id = ?", kFindingColumns), kCaseStore);
  st.bind(1, id);
  if (!st.step()) return std::nullopt;
  return stored_finding_from_row(st);
}

int64_t CaseStore::add_review(int64_t finding_id, const std::string& status, const std::string& examiner,
                              const std::string& note) {
  finding_status_from_string(status);  // validates
  if (!finding(finding_id)) throw InputError(fmt::format("no finding with id {} in {}", finding_id, path_));
  Statement st(db_, "INSERT INTO reviews (finding_id, status, examiner, note, at_utc) VALUES (?, ?, ?, ?, ?)",
               kCaseStore);
  st.bind(1, finding_id).bind(2, status).bind(3, examiner).bind(4, note).bind(5, utc_now_iso8601());
  st.run();
  return sqlite3_last_insert_rowid(db_);
}

std::vector<Review> CaseStore::reviews(int64_t finding_id) const {
  Statement st(db_,
               "SELECT id, finding_id, status, examiner, note, at_utc FROM reviews WHERE finding_id = ? ORDER BY id",
               kCaseStore);
  st.bind(1, finding_id);
  std::vector<Review> out;
  while (st.step()) {
    out.push_back({st.int64(0), st.int64(1), st.text(2), st.text(3), st.text(4), st.text(5)});
  }
  return out;
}

void CaseStore::save_run_report(int64_t custody_id, int64_t item_id, const nlohmann::json& report) {
  Statement st(db_, "INSERT INTO run_reports (custody_id, item_id, report_json) VALUES (?, ?, ?)", kCaseStore);
  st.bind(1, custody_id).bind(2, item_id).bind(3, safe_dump(report));
  st.run();
}

std::optional<std::pair<int64_t, nlohmann::json>> CaseStore::latest_run_report(int64_t item_id) const {
  Statement st(db_,
               "SELECT custody_id, report_json FROM run_reports WHERE item_id = ? ORDER BY custody_id DESC LIMIT 1",
               kCaseStore);
  st.bind(1, item_id);
  if (!st.step()) return std::nullopt;
  return std::make_pair(st.int64(0), nlohmann::json::parse(st.text(1)));
}

int64_t CaseStore::append_custody(const CustodyInput& input) {
  CustodyEntry e;
  {
    Statement last(db_, "SELECT entry_hash FROM custody_log ORDER BY id DESC LIMIT 1", kCaseStore);
    e.previous_hash = last.step() ? last.text(0) : std::string(64, '0');
  }
  e.at_utc = utc_now_iso8601();
  e.actor = input.actor;
  e.action = input.action;
  e.item_sha256 = input.item_sha256;
  e.tool_version = std::string("provenance ") + PROVENANCE_VERSION;
  e.parameters = input.parameters;
  e.entry_hash = custody_hash(e);
  Statement st(db_,
               "INSERT INTO custody_log (at_utc, actor, action, item_sha256, tool_version, parameters_json, "
               "previous_hash, entry_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
               kCaseStore);
  st.bind(1, e.at_utc)
      .bind(2, e.actor)
      .bind(3, e.action)
      .bind(4, e.item_sha256)
      .bind(5, e.tool_version)
      .bind(6, safe_dump(e.parameters))
      .bind(7, e.previous_hash)
      .bind(8, e.entry_hash);
  st.run();
  return sqlite3_last_insert_rowid(db_);
}

std::vector<CustodyEntry> CaseStore::custody_log(const std::string& item_sha256) const {
  Statement st(db_,
               std::string("SELECT id, at_utc, actor, action, item_sha256, tool_version, parameters_json, "
                           "previous_hash, entry_hash FROM custody_log ") +
                   (item_sha256.empty() ? "" : "WHERE item_sha256 = ? ") + "ORDER BY id",
               kCaseStore);
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
    e.parameters = nlohmann::json::parse(st.text(6));
    e.previous_hash = st.text(7);
    e.entry_hash = st.text(8);
    out.push_back(std::move(e));
  }
  return out;
}

int64_t CaseStore::verify_custody_chain() const {
  std::string previous(64, '0');
  for (const auto& e : custody_log()) {
    if (e.previous_hash != previous || custody_hash(e) != e.entry_hash) return e.id;
    previous = e.entry_hash;
  }
  return 0;
}

}  // namespace prov::casefile

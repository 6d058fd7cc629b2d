#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "casefile/custody.h"
#include "casefile/ledger.h"
#include "core/finding.h"

struct sqlite3;

namespace prov::casefile {

struct ItemRecord {
  int64_t id = 0;
  std::string sha256;
  uint64_t size_bytes = 0;
  std::string original_path;
  std::string intake_utc;
  nlohmann::json container = nlohmann::json::object();
  double decoded_duration_s = 0.0;
};

struct StoredFinding {
  int64_t id = 0;
  int64_t item_id = 0;
  int64_t custody_id = 0;  // the logged action (an analysis run) that produced it
  std::string created_utc;
  Finding finding;  // status is the latest examiner decision, if any
};

struct Review {
  int64_t id = 0;
  int64_t finding_id = 0;
  std::string status;  // confirmed / rejected
  std::string examiner;
  std::string note;
  std::string at_utc;
};

// A case file: one SQLite database. Every write happens inside a
// transaction; anything that fails leaves the file as it was.
class CaseStore {
 public:
  enum class Mode { open_existing, create_if_missing };
  // Throws InputError when the file is not a SQLite database, is from a newer
  // schema than this build knows, or cannot be opened. ":memory:" gives a
  // throw-away store (analysis without a case file).
  static CaseStore open(const std::string& path, Mode mode);
  ~CaseStore();
  CaseStore(CaseStore&&) noexcept;
  CaseStore& operator=(CaseStore&&) noexcept;

  int schema_version() const;
  const std::string& path() const { return path_; }

  // Runs `work` in one transaction; rolls back and rethrows on exception.
  template <typename F>
  void transaction(F&& work) {
    begin();
    try {
      work();
    } catch (...) {
      rollback();
      throw;
    }
    commit();
  }

  // Items are identified by SHA-256; registering a known hash returns its id.
  int64_t register_item(const ItemRecord& item);
  std::optional<ItemRecord> find_item(const std::string& sha256_or_id) const;
  std::vector<ItemRecord> items() const;

  // `custody_id`: the custody entry of the analysis that produced the finding.
  int64_t add_finding(int64_t item_id, int64_t custody_id, const Finding& finding);
  std::vector<StoredFinding> findings(std::optional<int64_t> item_id = std::nullopt) const;
  std::vector<StoredFinding> findings_of_run(int64_t custody_id) const;
  std::optional<StoredFinding> finding(int64_t id) const;

  // An examiner's decision: appended, never overwriting the finding.
  int64_t add_review(int64_t finding_id, const std::string& status, const std::string& examiner,
                     const std::string& note);
  std::vector<Review> reviews(int64_t finding_id) const;

  // The full report of an analysis run (figures, analysis sections), kept so
  // that later exports show what the run showed.
  void save_run_report(int64_t custody_id, int64_t item_id, const nlohmann::json& report);
  // The latest run's report of an item and that run's custody id.
  std::optional<std::pair<int64_t, nlohmann::json>> latest_run_report(int64_t item_id) const;

  int64_t append_custody(const CustodyInput& entry);
  std::vector<CustodyEntry> custody_log(const std::string& item_sha256 = {}) const;
  // Recomputes the custody log's own hash chain; returns the id of the first
  // broken entry, or 0. verify() checks this and every other record.
  int64_t verify_custody_chain() const;

  // Checks the whole case file: every record against the ledger, the ledger's
  // hash chain, rows written outside Provenance, entries whose row is gone,
  // the custody chain, and, given the head an examiner recorded earlier
  // (`case log` prints it), that no newer entries were cut off. The first
  // problem is the first bad record. Never throws for a damaged file.
  VerifyResult verify(const std::optional<LedgerHead>& recorded_head = std::nullopt) const;
  // The newest ledger entry: what an examiner writes down or timestamps.
  LedgerHead ledger_head() const;
  // The ledger entry hash of one record ("custody_log", id); empty if none.
  std::string ledger_hash(std::string_view table, int64_t row_id) const;

  sqlite3* handle() { return db_; }  // for modules that own extra tables
  sqlite3* handle() const { return db_; }
  // Runs `work` (inserts and their ledger entries) atomically: inside the
  // caller's transaction as a savepoint, else in a transaction of its own.
  void write_atomically(const std::function<void()>& work);

 private:
  CaseStore(sqlite3* db, std::string path);
  void begin();
  void commit();
  void rollback();
  // Runs `work` (an insert and its ledger entry) atomically: inside the
  // caller's transaction as a savepoint, else in a transaction of its own.
  template <typename F>
  void atomically(F&& work);
  sqlite3* db_ = nullptr;
  std::string path_;
};

}  // namespace prov::casefile

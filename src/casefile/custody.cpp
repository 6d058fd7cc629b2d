#include "casefile/custody.h"

#include <fmt/format.h>
#include <sqlite3.h>

#include <chrono>
#include <ctime>

#include "casefile/ledger.h"
#include "core/sha256.h"
#include "provenance_version.h"
#include "sqlite/statement.h"

namespace prov::casefile {
namespace {
const sqlite::Context kCustody{.label = "custody log", .prepare_note = "cannot prepare statement: "};
}  // namespace

std::string safe_json_dump(const nlohmann::json& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string utc_now_iso8601() {
  const auto now = std::chrono::system_clock::now();
  const std::time_t t = std::chrono::system_clock::to_time_t(now);
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm tm{};
  gmtime_r(&t, &tm);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                     tm.tm_hour, tm.tm_min, tm.tm_sec, ms);
}

std::string custody_entry_hash(const CustodyEntry& e) {
  return sha256_hex(fmt::format("{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}", e.previous_hash, e.at_utc, e.actor,
                                e.action, e.item_sha256, e.tool_version, safe_json_dump(e.parameters)));
}

int64_t append_custody_entry(sqlite3* db, const CustodyInput& input) {
  CustodyEntry e;
  {
    sqlite::Statement last(db, "SELECT entry_hash FROM custody_log ORDER BY id DESC LIMIT 1", kCustody);
    e.previous_hash = last.step() ? last.text(0) : std::string(64, '0');
  }
  e.at_utc = utc_now_iso8601();
  e.actor = input.actor;
  e.action = input.action;
  e.item_sha256 = input.item_sha256;
  e.tool_version = std::string("provenance ") + PROVENANCE_VERSION;
  e.parameters = input.parameters;
  e.entry_hash = custody_entry_hash(e);
  sqlite::Statement st(db,
                       "INSERT INTO custody_log (at_utc, actor, action, item_sha256, tool_version, parameters_json, "
                       "previous_hash, entry_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                       kCustody);
  st.bind(1, e.at_utc)
      .bind(2, e.actor)
      .bind(3, e.action)
      .bind(4, e.item_sha256)
      .bind(5, e.tool_version)
      .bind(6, safe_json_dump(e.parameters))
      .bind(7, e.previous_hash)
      .bind(8, e.entry_hash);
  st.run();
  const int64_t id = sqlite3_last_insert_rowid(db);
  append_ledger(db, "custody_log", id);
  return id;
}

}  // namespace prov::casefile

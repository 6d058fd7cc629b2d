#pragma once
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

struct sqlite3;

namespace prov::casefile {

struct CustodyEntry {
  int64_t id = 0;
  std::string at_utc;
  std::string actor;
  std::string action;
  std::string item_sha256;
  std::string tool_version;
  nlohmann::json parameters = nlohmann::json::object();
  std::string previous_hash;
  std::string entry_hash;  // SHA-256 over this entry and previous_hash
};

struct CustodyInput {
  std::string actor;
  std::string action;
  std::string item_sha256;  // empty: an action on the whole case
  nlohmann::json parameters = nlohmann::json::object();
};

// The hash an entry must carry, from its fields and previous_hash.
std::string custody_entry_hash(const CustodyEntry& entry);

// Appends one custody entry and its ledger entry; call inside a write
// transaction. Returns the entry's id.
int64_t append_custody_entry(sqlite3* db, const CustodyInput& input);

// Text from media tags may hold invalid UTF-8; store it with replacement characters.
std::string safe_json_dump(const nlohmann::json& value);

std::string utc_now_iso8601();

}  // namespace prov::casefile

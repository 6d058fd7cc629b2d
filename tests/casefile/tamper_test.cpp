// The tamper suite: a real case file, altered with raw SQL the way someone
// holding the file could, must fail `provenance case verify`, which names the
// first altered record.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <fmt/format.h>

#include <fstream>

#include "casefile/case_fixture.h"
#include "casefile/case_store.h"

namespace prov::test {
namespace {

#define PROV_REQUIRE_REAL_CASE(path)                        \
  do {                                                      \
    if (path.empty()) {                                     \
      ASSERT_EQ(skip_reason().rfind("FAILED", 0), std::string::npos) << skip_reason(); \
      GTEST_SKIP() << skip_reason();                        \
    }                                                       \
  } while (0)

// Drops every trigger on a table (the append-only guards).
std::string drop_triggers(const std::string& case_path, const std::string& table) {
  sqlite3* db = nullptr;
  std::string sql;
  if (sqlite3_open_v2(case_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(db, "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?", -1, &st, nullptr);
    sqlite3_bind_text(st, 1, table.c_str(), -1, SQLITE_TRANSIENT);
    while (sqlite3_step(st) == SQLITE_ROW)
      sql += fmt::format("DROP TRIGGER \"{}\";", reinterpret_cast<const char*>(sqlite3_column_text(st, 0)));
    sqlite3_finalize(st);
  }
  sqlite3_close(db);
  return sql;
}

struct TableCase {
  std::string table;
  std::string key;     // its INTEGER PRIMARY KEY column
  std::string change;  // an edit an attacker would want
};

const TableCase kTables[] = {
    {"items", "id", "sha256 = 'f00d' || substr(sha256, 5), original_path = '/evidence/planted.flac'"},
    {"custody_log", "id", "actor = 'mallory'"},
    {"findings", "id", "strength = 0.01, summary = 'nothing of note'"},
    {"run_reports", "custody_id", "report_json = json_set(report_json, '$.verdict', 'recording is authentic')"},
    {"reviews", "id", "status = CASE status WHEN 'confirmed' THEN 'rejected' ELSE 'confirmed' END"},
    {"subjects", "id", "name = 'someone else'"},
    {"subject_aliases", "id", "alias = 'another man'"},
    {"subject_items", "id", "released = '2016-01-01'"},
    {"claims", "id", "event_date = '2019-12-01', published_date = '2019-12-02', assessment = 'confirmed'"},
};

enum class Attack { update_without_triggers, replace_with_triggers, delete_without_triggers, insert };

std::string attack_name(Attack a) {
  switch (a) {
    case Attack::update_without_triggers: return "UpdateTriggersDropped";
    case Attack::replace_with_triggers: return "ReplaceTriggersKept";
    case Attack::delete_without_triggers: return "DeleteTriggersDropped";
    case Attack::insert: return "Insert";
  }
  return "";
}

class TamperEveryTable : public testing::TestWithParam<std::tuple<TableCase, Attack>> {};

TEST_P(TamperEveryTable, VerifyNamesTheAlteredRecord) {
  const auto& [t, attack] = GetParam();
  TempDir dir;
  const std::string path = copy_of_real_case(dir);
  PROV_REQUIRE_REAL_CASE(path);
  ASSERT_EQ(verify_case(path).exit_code, 0) << "the untouched case must verify";
  const int64_t first = raw_int(path, fmt::format("SELECT min(rowid) FROM {}", t.table));
  ASSERT_GT(first, 0) << t.table << " has no rows in the real case";

  int64_t expected_row = first;
  std::string expected_kind = "record_edited";
  switch (attack) {
    case Attack::update_without_triggers:
      raw_sql(path, drop_triggers(path, t.table) +
                        fmt::format("UPDATE {} SET {} WHERE rowid = {}", t.table, t.change, first));
      break;
    case Attack::replace_with_triggers:
      // REPLACE deletes the old row without firing delete triggers (recursive
      // triggers are off by default): an edit that leaves the guards in place.
      ASSERT_EQ(drop_triggers(path, t.table).empty(), false) << t.table << " should have append-only triggers";
      raw_sql(path, fmt::format("CREATE TEMP TABLE x AS SELECT * FROM {0} WHERE rowid = {1};"
                                "UPDATE x SET {2};"
                                "INSERT OR REPLACE INTO {0} SELECT * FROM x;",
                                t.table, first, t.change));
      break;
    case Attack::delete_without_triggers:
      raw_sql(path, drop_triggers(path, t.table) + fmt::format("DELETE FROM {} WHERE rowid = {}", t.table, first));
      expected_kind = "record_deleted";
      break;
    case Attack::insert:
      expected_row = raw_int(path, fmt::format("SELECT max(rowid) + 1000 FROM {}", t.table));
      raw_sql(path, fmt::format("CREATE TEMP TABLE x AS SELECT * FROM {0} WHERE rowid = {1};"
                                "UPDATE x SET {2}, {3} = {4};"
                                "INSERT INTO {0} SELECT * FROM x;",
                                t.table, first, t.change, t.key, expected_row));
      expected_kind = "record_unlogged";
      break;
  }
  const Verdict v = verify_case(path);
  EXPECT_EQ(v.exit_code, 4);
  ASSERT_TRUE(v.report.is_object()) << "case verify printed no JSON";
  EXPECT_FALSE(v.report.value("intact", true));
  ASSERT_TRUE(v.report.contains("first_problem")) << v.report.dump(2);
  const auto& p = v.report["first_problem"];
  EXPECT_EQ(p["table"], t.table) << v.report.dump(2);
  EXPECT_EQ(p["row_id"], expected_row) << v.report.dump(2);
  EXPECT_EQ(p["kind"], expected_kind) << v.report.dump(2);
}

INSTANTIATE_TEST_SUITE_P(
    AllTables, TamperEveryTable,
    testing::Combine(testing::ValuesIn(kTables),
                     testing::Values(Attack::update_without_triggers, Attack::replace_with_triggers,
                                     Attack::delete_without_triggers, Attack::insert)),
    [](const auto& info) {
      return std::get<0>(info.param).table + "_" + attack_name(std::get<1>(info.param));
    });

// The plain text of `case verify` names the record too, and exits 4.
TEST(Tamper, TextVerdictNamesTheFirstBadRecord) {
  TempDir dir;
  const std::string path = copy_of_real_case(dir);
  PROV_REQUIRE_REAL_CASE(path);
  const int64_t finding = raw_int(path, "SELECT max(id) FROM findings");
  raw_sql(path, drop_triggers(path, "findings") + fmt::format("UPDATE findings SET strength = 0 WHERE id = {}", finding));
  const auto r = provenance_all("case verify " + shell_quote(path));
  EXPECT_EQ(r.exit_code, 4) << r.output;
  EXPECT_NE(r.output.find("NOT INTACT"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find(fmt::format("findings row {}", finding)), std::string::npos) << r.output;
}

// Issue 9: a confirmed finding forged with plain SQL went unnoticed.
TEST(Tamper, ForgedConfirmedFinding) {
  TempDir dir;
  const std::string path = copy_of_real_case(dir);
  PROV_REQUIRE_REAL_CASE(path);
  raw_sql(path,
          "INSERT INTO findings (item_id, custody_id, created_utc, kind, detector, start_s, end_s, strength, summary, "
          "method, parameters_json, evidence_json) SELECT item_id, custody_id, created_utc, 'speaker', "
          "'voice.comparison', 0, 5, 0.99, 'the speaker is the subject', 'forged', '{}', '{}' FROM findings LIMIT 1;"
          "INSERT INTO reviews (finding_id, status, examiner, note, at_utc) VALUES "
          "(last_insert_rowid(), 'confirmed', 'bob', 'agreed', '2026-01-01T00:00:00Z');");
  const int64_t forged = raw_int(path, "SELECT max(id) FROM findings");
  const int64_t review = raw_int(path, "SELECT max(id) FROM reviews");
  const Verdict v = verify_case(path);
  EXPECT_EQ(v.exit_code, 4);
  ASSERT_TRUE(v.report.contains("first_problem")) << v.report.dump(2);
  EXPECT_EQ(v.report["first_problem"]["table"], "findings");
  EXPECT_EQ(v.report["first_problem"]["row_id"], forged);
  bool review_named = false;
  for (const auto& p : v.report["problems"]) review_named |= p["table"] == "reviews" && p["row_id"] == review;
  EXPECT_TRUE(review_named) << "the forged review must be named too: " << v.report.dump(2);
}

// A claim of death forged with plain SQL (dated so that no recording contradicts it).
TEST(Tamper, ForgedClaim) {
  TempDir dir;
  const std::string path = copy_of_real_case(dir);
  PROV_REQUIRE_REAL_CASE(path);
  raw_sql(path,
          "INSERT INTO claims (subject_id, status, place, event_date, published_date, claimant, published_in, source, "
          "assessment, origin, added_utc, examiner) SELECT subject_id, 'killed', '', '2020-01-01', '2020-01-02', "
          "'US Department of Defense', '', 'https://example.org/forged', 'confirmed', origin, added_utc, examiner "
          "FROM claims LIMIT 1;");
  const int64_t forged = raw_int(path, "SELECT max(id) FROM claims");
  const Verdict v = verify_case(path);
  EXPECT_EQ(v.exit_code, 4);
  ASSERT_TRUE(v.report.contains("first_problem")) << v.report.dump(2);
  EXPECT_EQ(v.report["first_problem"]["table"], "claims");
  EXPECT_EQ(v.report["first_problem"]["row_id"], forged);
  EXPECT_EQ(v.report["first_problem"]["kind"], "record_unlogged");
}

// Issue 9: a forged run report (with a custody entry whose own hash chain is
// correct) made the export say "recording is authentic".
TEST(Tamper, ForgedRunReportWithAValidCustodyEntry) {
  TempDir dir;
  const std::string path = copy_of_real_case(dir);
  PROV_REQUIRE_REAL_CASE(path);
  casefile::CustodyEntry e;
  {
    auto store = casefile::CaseStore::open(path, casefile::CaseStore::Mode::open_existing);
    const auto log = store.custody_log();
    e = log.back();
    e.previous_hash = log.back().entry_hash;
    e.action = "analyze";
    e.actor = "alice";
    e.parameters = {{"forged", true}};
    e.at_utc = "2026-12-01T00:00:00.000Z";
    e.entry_hash = casefile::custody_entry_hash(e);
  }
  raw_sql(path, fmt::format("INSERT INTO custody_log (at_utc, actor, action, item_sha256, tool_version, "
                            "parameters_json, previous_hash, entry_hash) VALUES ('{}', '{}', '{}', '{}', '{}', '{}', "
                            "'{}', '{}');"
                            "INSERT INTO run_reports (custody_id, item_id, report_json) SELECT last_insert_rowid(), "
                            "item_id, json_set(report_json, '$.summary', 'recording is authentic') FROM run_reports "
                            "LIMIT 1;",
                            e.at_utc, e.actor, e.action, e.item_sha256, e.tool_version, e.parameters.dump(),
                            e.previous_hash, e.entry_hash));
  const int64_t forged = raw_int(path, "SELECT max(id) FROM custody_log");
  {
    auto store = casefile::CaseStore::open(path, casefile::CaseStore::Mode::open_existing);
    ASSERT_EQ(store.verify_custody_chain(), 0) << "the forgery keeps the custody log's own chain valid";
  }
  const Verdict v = verify_case(path);
  EXPECT_EQ(v.exit_code, 4);
  ASSERT_TRUE(v.report.contains("first_problem")) << v.report.dump(2);
  EXPECT_EQ(v.report["first_problem"]["table"], "custody_log");
  EXPECT_EQ(v.report["first_problem"]["row_id"], forged);
  bool report_named = false;
  for (const auto& p : v.report["problems"]) report_named |= p["table"] == "run_reports" && p["row_id"] == forged;
  EXPECT_TRUE(report_named) << v.report.dump(2);
}

// The head `case log` prints is what `case verify --head` takes.
std::string recorded_head(const std::string& path) {
  const auto r = provenance_stdout("case log " + shell_quote(path) + " --json");
  const auto log = nlohmann::json::parse(r.output, nullptr, false);
  if (log.is_discarded() || !log.contains("head")) return "";
  return fmt::format("{}:{}", log["head"]["seq"].get<int64_t>(), log["head"]["hash"].get<std::string>());
}

// Issue 9: deleting the newest entries went unnoticed. Deleting them together
// with their ledger entries leaves a shorter chain that is consistent in
// itself: only a head recorded earlier shows what is missing.
TEST(Tamper, CutOffNewestEntriesAreCaughtByTheRecordedHead) {
  TempDir dir;
  const std::string path = copy_of_real_case(dir);
  PROV_REQUIRE_REAL_CASE(path);
  const std::string head = recorded_head(path);
  ASSERT_FALSE(head.empty());
  EXPECT_EQ(verify_case(path, head).exit_code, 0) << "the untouched case reaches its own head";
  // The newest two records: the claim and its custody entry.
  raw_sql(path, drop_triggers(path, "ledger") + drop_triggers(path, "claims") + drop_triggers(path, "custody_log") +
                    "DELETE FROM claims WHERE id = (SELECT max(id) FROM claims);"
                    "DELETE FROM custody_log WHERE id = (SELECT max(id) FROM custody_log);"
                    "DELETE FROM ledger WHERE seq > (SELECT max(seq) - 2 FROM ledger);");
  const Verdict without = verify_case(path);
  EXPECT_EQ(without.exit_code, 0) << "without a recorded head a clean cut cannot be seen";
  const Verdict v = verify_case(path, head);
  EXPECT_EQ(v.exit_code, 4);
  ASSERT_TRUE(v.report.contains("first_problem")) << v.report.dump(2);
  EXPECT_EQ(v.report["first_problem"]["kind"], "head_beyond_end") << v.report.dump(2);
}

// Rewriting the whole ledger after an edit makes a consistent chain with
// another head.
TEST(Tamper, RebuiltLedgerIsCaughtByTheRecordedHead) {
  TempDir dir;
  const std::string path = copy_of_real_case(dir);
  PROV_REQUIRE_REAL_CASE(path);
  const std::string head = recorded_head(path);
  ASSERT_FALSE(head.empty());
  raw_sql(path, drop_triggers(path, "ledger") + drop_triggers(path, "findings") +
                    "UPDATE findings SET strength = 0 WHERE id = (SELECT min(id) FROM findings); DELETE FROM ledger;");
  {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    casefile::chain_unledgered_rows(db);
    sqlite3_close(db);
  }
  EXPECT_EQ(verify_case(path).exit_code, 0) << "a rebuilt chain is consistent in itself";
  const Verdict v = verify_case(path, head);
  EXPECT_EQ(v.exit_code, 4);
  ASSERT_TRUE(v.report.contains("first_problem")) << v.report.dump(2);
  EXPECT_EQ(v.report["first_problem"]["kind"], "head_mismatch") << v.report.dump(2);
}

TEST(Tamper, EditedLedgerEntryIsNamed) {
  TempDir dir;
  const std::string path = copy_of_real_case(dir);
  PROV_REQUIRE_REAL_CASE(path);
  raw_sql(path, drop_triggers(path, "ledger") + "UPDATE ledger SET content_sha256 = '" + std::string(64, 'e') +
                    "' WHERE seq = 3");
  const Verdict v = verify_case(path);
  EXPECT_EQ(v.exit_code, 4);
  ASSERT_TRUE(v.report.contains("first_problem")) << v.report.dump(2);
  EXPECT_EQ(v.report["first_problem"]["seq"], 3);
  EXPECT_EQ(v.report["first_problem"]["kind"], "chain_broken");
}

TEST(Tamper, DroppedLedgerIsNotIntact) {
  TempDir dir;
  const std::string path = copy_of_real_case(dir);
  PROV_REQUIRE_REAL_CASE(path);
  raw_sql(path, "DROP TABLE ledger");
  const Verdict v = verify_case(path);
  EXPECT_EQ(v.exit_code, 4);
  ASSERT_TRUE(v.report.contains("first_problem")) << v.report.dump(2);
  EXPECT_EQ(v.report["first_problem"]["kind"], "structure");
}

TEST(Tamper, UnreadableFileAndBadHead) {
  TempDir dir;
  const std::string path = copy_of_real_case(dir);
  PROV_REQUIRE_REAL_CASE(path);
  EXPECT_EQ(provenance_all("case verify " + shell_quote((dir / "missing.db").string())).exit_code, 1);
  const std::string junk = (dir / "junk.db").string();
  { std::ofstream(junk) << "not a case file"; }
  EXPECT_EQ(provenance_all("case verify " + shell_quote(junk)).exit_code, 1);
  EXPECT_EQ(provenance_all("case verify " + shell_quote(path) + " --head 12").exit_code, 2);
}

}  // namespace
}  // namespace prov::test

namespace prov::test {
namespace {

// `serve` checks the whole case file before listening and warns on the
// terminal, naming the first bad record.
TEST(Tamper, ServeWarnsAtStartAboutAnAlteredRecord) {
  PROV_REQUIRE_PROGRAM("timeout");
  TempDir dir;
  const std::string path = copy_of_real_case(dir);
  PROV_REQUIRE_REAL_CASE(path);
  raw_sql(path, drop_triggers(path, "run_reports") +
                    "UPDATE run_reports SET report_json = json_set(report_json, '$.verdict', 'recording is authentic')");
  const int64_t report = raw_int(path, "SELECT min(custody_id) FROM run_reports");
  const auto r = run_command("timeout 3 " + shell_quote(PROVENANCE_CLI) + " serve --case " + shell_quote(path) +
                             " --port 0 </dev/null");
  EXPECT_NE(r.output.find("NOT INTACT"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find(fmt::format("run_reports row {}", report)), std::string::npos) << r.output;
}

}  // namespace
}  // namespace prov::test

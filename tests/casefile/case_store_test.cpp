#include <gtest/gtest.h>
#include <sqlite3.h>

#include <fstream>
#include <sstream>
#include <thread>

#include "casefile/case_store.h"
#include "casefile/migrations.h"
#include "core/error.h"
#include "sqlite/statement.h"
#include "support/test_support.h"

namespace prov::test {
namespace {

using casefile::CaseStore;

// Raw SQL on a case file, failing as the case store does.
void execute(sqlite3* db, const std::string& sql) { sqlite::execute(db, sql, {.label = "case store"}); }

std::string file_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

casefile::ItemRecord sample_item(const std::string& sha = std::string(64, 'a')) {
  casefile::ItemRecord item;
  item.sha256 = sha;
  item.size_bytes = 1234;
  item.original_path = "/evidence/statement.m4a";
  item.container = {{"format", "mov,mp4,m4a,3gp,3g2,mj2"}};
  item.decoded_duration_s = 61.5;
  return item;
}

Finding sample_finding(double start) {
  Finding f;
  f.kind = "edit";
  f.detector = "integrity.zero_run";
  f.start_s = start;
  f.end_s = start + 0.25;
  f.strength = 0.9;
  f.summary = "digital silence inside speech";
  f.method = "exact zero run";
  f.parameters = {{"min_run_s", 0.02}};
  f.evidence = {{"samples", 4000}};
  return f;
}

TEST(CaseStore, StoresItemsFindingsReviewsAndCustody) {
  TempDir dir;
  const std::string path = (dir / "case.db").string();
  auto store = CaseStore::open(path, CaseStore::Mode::create_if_missing);
  EXPECT_EQ(store.schema_version(), casefile::latest_case_schema_version());
  int64_t item = 0, finding = 0;
  store.transaction([&] {
    item = store.register_item(sample_item());
    const int64_t run = store.append_custody({"alice", "analyze", sample_item().sha256, {{"x", 1}}});
    finding = store.add_finding(item, run, sample_finding(12.0));
    store.add_finding(item, run, sample_finding(3.0));
  });
  EXPECT_EQ(store.register_item(sample_item()), item) << "same hash must be the same item";
  ASSERT_EQ(store.items().size(), 1u);
  EXPECT_EQ(store.find_item("aaaa")->id, item);
  EXPECT_EQ(store.find_item(std::to_string(item))->sha256, sample_item().sha256);

  const auto findings = store.findings(item);
  ASSERT_EQ(findings.size(), 2u);
  EXPECT_DOUBLE_EQ(findings[0].finding.start_s, 3.0) << "ordered by time";
  EXPECT_EQ(findings[1].finding.evidence.at("samples"), 4000);
  EXPECT_EQ(findings[1].finding.status, FindingStatus::proposed);

  store.transaction([&] { store.add_review(finding, "rejected", "bob", "breath pause, not an edit"); });
  store.transaction([&] { store.add_review(finding, "confirmed", "carol", "second look"); });
  EXPECT_EQ(store.finding(finding)->finding.status, FindingStatus::confirmed);
  const auto reviews = store.reviews(finding);
  ASSERT_EQ(reviews.size(), 2u);
  EXPECT_EQ(reviews[0].status, "rejected") << "earlier decisions stay on record";
  EXPECT_EQ(store.finding(finding)->finding.summary, "digital silence inside speech");
  EXPECT_EQ(store.verify_custody_chain(), 0);
}

TEST(CaseStore, FailedTransactionLeavesNothing) {
  TempDir dir;
  const std::string path = (dir / "case.db").string();
  {
    auto store = CaseStore::open(path, CaseStore::Mode::create_if_missing);
    EXPECT_THROW(store.transaction([&] {
      store.register_item(sample_item());
      throw std::runtime_error("analysis failed half way");
    }),
                 std::runtime_error);
    EXPECT_TRUE(store.items().empty());
  }
  auto reopened = CaseStore::open(path, CaseStore::Mode::open_existing);
  EXPECT_TRUE(reopened.items().empty());
}

TEST(CaseStore, FindingsAndCustodyAreAppendOnly) {
  TempDir dir;
  auto store = CaseStore::open((dir / "case.db").string(), CaseStore::Mode::create_if_missing);
  store.transaction([&] {
    const auto item = store.register_item(sample_item());
    const auto finding =
        store.add_finding(item, store.append_custody({"a", "analyze", sample_item().sha256, {}}), sample_finding(1));
    store.add_review(finding, "confirmed", "a", "");
  });
  EXPECT_THROW(execute(store.handle(), "UPDATE findings SET strength = 0"), std::runtime_error);
  EXPECT_THROW(execute(store.handle(), "DELETE FROM custody_log"), std::runtime_error);
  EXPECT_THROW(execute(store.handle(), "DELETE FROM reviews"), std::runtime_error);
  EXPECT_EQ(store.findings().size(), 1u);
}

TEST(CaseStore, TamperedCustodyEntryBreaksTheChain) {
  TempDir dir;
  auto store = CaseStore::open((dir / "case.db").string(), CaseStore::Mode::create_if_missing);
  store.transaction([&] {
    store.append_custody({"alice", "intake", "abc", {}});
    store.append_custody({"alice", "analyze", "abc", {{"threshold", 6}}});
    store.append_custody({"alice", "report", "abc", {}});
  });
  ASSERT_EQ(store.verify_custody_chain(), 0);
  execute(store.handle(), "DROP TRIGGER custody_no_update; UPDATE custody_log SET actor = 'mallory' WHERE id = 2");
  EXPECT_EQ(store.verify_custody_chain(), 2);
}

TEST(CaseStoreBadInput, NotSqliteIsRefusedAndUntouched) {
  TempDir dir;
  const std::string path = (dir / "case.db").string();
  std::ofstream(path) << "this is a spreadsheet export, not a case\n";
  const std::string before = file_bytes(path);
  try {
    CaseStore::open(path, CaseStore::Mode::create_if_missing);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("not an SQLite database"), std::string::npos) << e.what();
  }
  EXPECT_EQ(file_bytes(path), before);
}

TEST(CaseStoreBadInput, NewerSchemaIsRefusedAndUntouched) {
  TempDir dir;
  const std::string path = (dir / "case.db").string();
  {
    auto store = CaseStore::open(path, CaseStore::Mode::create_if_missing);
    execute(store.handle(), "PRAGMA user_version = 999");
  }
  const std::string before = file_bytes(path);
  try {
    CaseStore::open(path, CaseStore::Mode::open_existing);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("newer"), std::string::npos) << e.what();
  }
  EXPECT_EQ(file_bytes(path), before);
}

TEST(CaseStoreBadInput, OtherApplicationsDatabase) {
  TempDir dir;
  const std::string path = (dir / "other.db").string();
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  execute(db, "CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('x')");
  sqlite3_close(db);
  const std::string before = file_bytes(path);
  EXPECT_THROW(CaseStore::open(path, CaseStore::Mode::open_existing), InputError);
  EXPECT_EQ(file_bytes(path), before);
}

TEST(CaseStoreBadInput, MissingCaseFileWhenOpeningExisting) {
  TempDir dir;
  EXPECT_THROW(CaseStore::open((dir / "nope.db").string(), CaseStore::Mode::open_existing), InputError);
  EXPECT_FALSE(std::filesystem::exists(dir / "nope.db"));
}

TEST(Migrations, VersionsAreConsecutive) {
  const auto& steps = casefile::case_migrations();
  ASSERT_FALSE(steps.empty());
  for (std::size_t i = 0; i < steps.size(); ++i) EXPECT_EQ(steps[i].version, static_cast<int>(i) + 1);
}

// A case file written at schema 1 opens with this build and keeps its data.
TEST(Migrations, OldCaseFileIsBroughtForward) {
  TempDir dir;
  const std::string path = (dir / "old.db").string();
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  execute(db, casefile::case_migrations().front().sql);
  execute(db, "PRAGMA application_id = 1347571542; PRAGMA user_version = 1");
  execute(db,
          "INSERT INTO items (sha256, size_bytes, original_path, intake_utc, container_json) "
          "VALUES ('ff00', 10, '/x.wav', '2020-01-01T00:00:00Z', '{}')");
  sqlite3_close(db);
  auto store = CaseStore::open(path, CaseStore::Mode::open_existing);
  EXPECT_EQ(store.schema_version(), casefile::latest_case_schema_version());
  ASSERT_EQ(store.items().size(), 1u);
  EXPECT_EQ(store.items()[0].original_path, "/x.wav");
}

// Records written before the ledger existed are chained when the file is
// upgraded, and the custody log says so.
TEST(Migrations, OldRecordsAreChainedAndTheLogSaysSo) {
  TempDir dir;
  const std::string path = (dir / "old.db").string();
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  execute(db, casefile::case_migrations()[0].sql);
  execute(db, casefile::case_migrations()[1].sql);
  execute(db, "PRAGMA application_id = 1347571542; PRAGMA user_version = 2");
  execute(db,
          "INSERT INTO items (sha256, size_bytes, original_path, intake_utc, container_json) "
          "VALUES ('ff00', 10, '/x.wav', '2020-01-01T00:00:00Z', '{}');"
          "INSERT INTO custody_log (at_utc, actor, action, item_sha256, tool_version, parameters_json, previous_hash, "
          "entry_hash) VALUES ('2020-01-01T00:00:00Z', 'alice', 'intake', 'ff00', 'provenance 0.0.9', '{}', '', '');");
  sqlite3_close(db);
  auto store = CaseStore::open(path, CaseStore::Mode::open_existing);
  const auto log = store.custody_log();
  ASSERT_EQ(log.size(), 2u);
  EXPECT_EQ(log.back().action, "ledger_start");
  EXPECT_EQ(log.back().parameters.value("chained_existing_records", 0), 2);
  EXPECT_EQ(log.back().parameters.value("from_schema", 0), 2);
  const auto verdict = store.verify();
  // The old custody entry's own hash was never valid; the ledger itself is whole.
  for (const auto& p : verdict.problems) EXPECT_EQ(p.kind, casefile::LedgerProblem::Kind::custody_chain) << p.detail;
  EXPECT_EQ(verdict.entries, 3);
}

// Issue 9, item 10: an item is found by id or hash prefix; % and _ are
// characters, not wildcards.
TEST(CaseStore, ItemPrefixHasNoWildcards) {
  TempDir dir;
  auto store = CaseStore::open((dir / "case.db").string(), CaseStore::Mode::create_if_missing);
  store.transaction([&] {
    store.register_item(sample_item(std::string(64, 'a')));
    store.register_item(sample_item("ab" + std::string(62, 'c')));
  });
  EXPECT_FALSE(store.find_item("%").has_value());
  EXPECT_FALSE(store.find_item("a%").has_value());
  EXPECT_FALSE(store.find_item("_").has_value());
  EXPECT_FALSE(store.find_item("a_").has_value());
  EXPECT_FALSE(store.find_item("%c").has_value());
  EXPECT_EQ(store.find_item("ab")->sha256, "ab" + std::string(62, 'c'));
  EXPECT_THROW(store.find_item("a"), InputError) << "a real prefix of two items is ambiguous";
}

// Every record written through the store has a ledger entry, in or out of a
// transaction, and the case verifies; a row written around it does not.
TEST(CaseStore, EveryRecordIsChained) {
  TempDir dir;
  auto store = CaseStore::open((dir / "case.db").string(), CaseStore::Mode::create_if_missing);
  const int64_t item = store.register_item(sample_item());  // no transaction
  int64_t finding = 0;
  store.transaction([&] {
    const int64_t run = store.append_custody({"alice", "analyze", sample_item().sha256, {}});
    finding = store.add_finding(item, run, sample_finding(1));
    store.save_run_report(run, item, {{"summary", "x"}});
  });
  store.add_review(finding, "confirmed", "bob", "");
  auto verdict = store.verify();
  EXPECT_TRUE(verdict.intact());
  EXPECT_EQ(verdict.entries, 5);
  EXPECT_EQ(verdict.head.seq, 5);
  EXPECT_EQ(store.ledger_head().hash, verdict.head.hash);
  EXPECT_EQ(store.verify(verdict.head).problems.size(), 0u);

  execute(store.handle(), "INSERT INTO reviews (finding_id, status, examiner, note, at_utc) "
                          "VALUES (1, 'rejected', 'mallory', '', 'now')");
  verdict = store.verify();
  ASSERT_FALSE(verdict.intact());
  EXPECT_EQ(verdict.problems.front().kind, casefile::LedgerProblem::Kind::record_unlogged);
  EXPECT_EQ(verdict.problems.front().table, "reviews");
  EXPECT_EQ(verdict.problems.front().row_id, 2);
}

// Two connections creating the same new case file at once: both open it,
// each schema step runs once.
TEST(CaseStore, TwoOpenersOfANewFileBothSucceed) {
  TempDir dir;
  for (int round = 0; round < 40; ++round) {
    const std::string path = (dir / ("case-" + std::to_string(round) + ".db")).string();
    std::string errors[2];
    std::thread threads[2];
    for (int t = 0; t < 2; ++t) {
      threads[t] = std::thread([&, t] {
        try {
          auto store = CaseStore::open(path, CaseStore::Mode::create_if_missing);
          store.append_custody({"t" + std::to_string(t), "open", "", {}});
        } catch (const std::exception& e) {
          errors[t] = e.what();
        }
      });
    }
    for (auto& t : threads) t.join();
    EXPECT_EQ(errors[0], "") << "round " << round;
    EXPECT_EQ(errors[1], "") << "round " << round;
    auto store = CaseStore::open(path, CaseStore::Mode::open_existing);
    EXPECT_EQ(store.custody_log().size(), 2u) << "round " << round;
    EXPECT_TRUE(store.verify().intact()) << "round " << round;
  }
}

}  // namespace
}  // namespace prov::test

// Subjects, attributions and claims as the case store keeps them.
#include <gtest/gtest.h>
#include <fmt/format.h>
#include <sqlite3.h>

#include "casefile/case_store.h"
#include "casefile/migrations.h"
#include "casefile/subject_records.h"
#include "core/error.h"
#include "sqlite/statement.h"
#include "support/test_support.h"

namespace prov::casefile {
namespace {

bool sql_refused(CaseStore& store, const std::string& sql) {
  return sqlite3_exec(store.handle(), sql.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK;
}

ClaimRecord killed(int64_t subject) {
  ClaimRecord c;
  c.subject_id = subject;
  c.status = "killed";
  c.published_date = "2019-10-27";
  c.claimant = "A";
  c.source = "https://example.org/a";
  return c;
}

TEST(SubjectRecords, StoredChainedAndAppendOnly) {
  test::TempDir dir;
  auto store = CaseStore::open((dir / "c.db").string(), CaseStore::Mode::create_if_missing);
  const int64_t s = add_subject(store, "Abu Bakr al-Baghdadi", "alice");
  add_subject_alias(store, s, "أبو بكر البغدادي", "alice");
  ItemRecord item;
  item.sha256 = std::string(64, 'a');
  item.original_path = "/x.flac";
  const int64_t i = store.register_item(item);
  link_subject_item(store, s, i, "2019-04-29", "alice");
  add_claim(store, killed(s));
  const auto all = subjects(store);
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].aliases, std::vector<std::string>{"أبو بكر البغدادي"});
  EXPECT_EQ(subject_items(store, s).at(0).released, "2019-04-29");
  EXPECT_EQ(subjects_of_item(store, i).size(), 1u);
  EXPECT_EQ(claims(store, s).at(0).status, "killed");
  EXPECT_TRUE(store.verify().intact());
  EXPECT_EQ(store.verify().entries, 5);
  for (const char* table : {"subjects", "subject_aliases", "subject_items", "claims"}) {
    EXPECT_TRUE(sql_refused(store, fmt::format("DELETE FROM {}", table))) << table;
    EXPECT_TRUE(sql_refused(store, fmt::format("UPDATE {} SET id = id", table))) << table;
  }
  EXPECT_TRUE(sql_refused(store, "INSERT INTO claims (subject_id, status, place, event_date, published_date, claimant, "
                                 "published_in, source, assessment, origin, added_utc, examiner) VALUES "
                                 "(1, 'dead', '', '', '2019-01-01', 'A', '', 's', '', '', '', '')"))
      << "the status is checked by the schema too";
}

TEST(SubjectRecords, UnknownSubjectOrItemIsRefusedAndNothingIsWritten) {
  test::TempDir dir;
  auto store = CaseStore::open((dir / "c.db").string(), CaseStore::Mode::create_if_missing);
  EXPECT_THROW(add_claim(store, killed(7)), InputError);
  EXPECT_THROW(add_subject_alias(store, 7, "x", "alice"), InputError);
  const int64_t s = add_subject(store, "X", "alice");
  EXPECT_THROW(link_subject_item(store, s, 42, "", "alice"), InputError);
  EXPECT_EQ(store.verify().entries, 1);
  EXPECT_TRUE(claims(store).empty());
}

// A case file of schema 3 (with the ledger) gains the subject tables, and its chain stays whole.
TEST(SubjectRecords, SchemaThreeCaseFileIsBroughtForward) {
  test::TempDir dir;
  const std::string path = (dir / "old.db").string();
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  const sqlite::Context context{.label = "test"};
  for (int step = 0; step < 3; ++step) sqlite::execute(db, case_migrations()[step].sql, context);
  sqlite::execute(db, "PRAGMA application_id = 1347571542; PRAGMA user_version = 3", context);
  sqlite3_close(db);
  {
    auto store = CaseStore::open(path, CaseStore::Mode::open_existing);
    ItemRecord item;
    item.sha256 = std::string(64, 'b');
    store.register_item(item);
  }
  auto store = CaseStore::open(path, CaseStore::Mode::open_existing);
  EXPECT_EQ(store.schema_version(), latest_case_schema_version());
  add_subject(store, "X", "alice");
  EXPECT_TRUE(store.verify().intact());
  EXPECT_EQ(store.verify().entries, 2);
}

}  // namespace
}  // namespace prov::casefile

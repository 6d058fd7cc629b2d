#include "sqlite/statement.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <stdexcept>
#include <string>

#include "core/error.h"

namespace prov::test {
namespace {

using sqlite::Statement;

const sqlite::Context kTest{.label = "test store"};

class Db {
 public:
  Db() {
    sqlite3_open(":memory:", &db_);
    sqlite::execute(db_, "CREATE TABLE t(i INTEGER, r REAL, s TEXT, b BLOB)", kTest);
  }
  ~Db() { sqlite3_close(db_); }
  operator sqlite3*() const { return db_; }

 private:
  sqlite3* db_ = nullptr;
};

std::string message_of(auto&& action) {
  try {
    action();
  } catch (const std::exception& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(SqliteStatement, RoundTripsEveryColumnType) {
  Db db;
  const std::string bytes("a\0b\xff", 4);
  Statement put(db, "INSERT INTO t VALUES(?1, ?2, ?3, ?4)", kTest);
  put.bind(1, int64_t{-7}).bind(2, 2.5).bind(3, std::string("x\0y", 3)).bind_blob(4, bytes).run();
  put.bind(1, int64_t{8}).bind_null(2).bind(3, std::string()).bind_blob(4, bytes.data(), 2).run();
  Statement get(db, "SELECT i, r, s, b FROM t ORDER BY rowid", kTest);
  ASSERT_TRUE(get.step());
  EXPECT_EQ(get.int64(0), -7);
  EXPECT_EQ(get.real(1), 2.5);
  EXPECT_EQ(get.text(2), std::string("x\0y", 3));
  EXPECT_EQ(get.blob(3), bytes);
  EXPECT_EQ(get.blob_view(3), bytes);
  EXPECT_FALSE(get.is_null(1));
  ASSERT_TRUE(get.step());
  EXPECT_EQ(get.int64(0), 8);
  EXPECT_TRUE(get.is_null(1));
  EXPECT_EQ(get.text(2), "");
  EXPECT_EQ(get.blob(3), std::string("a\0", 2));
  EXPECT_FALSE(get.step());
}

TEST(SqliteStatement, ResetClearsBindings) {
  Db db;
  Statement echo(db, "SELECT ?1", kTest);
  echo.bind(1, int64_t{5});
  ASSERT_TRUE(echo.step());
  EXPECT_EQ(echo.int64(0), 5);
  echo.reset();
  ASSERT_TRUE(echo.step());
  EXPECT_TRUE(echo.is_null(0));
  EXPECT_TRUE(echo.blob_view(0).empty());
}

TEST(SqliteStatement, ErrorsStartWithTheLabel) {
  Db db;
  EXPECT_EQ(message_of([&] { Statement(db, "SELECT x FROM nowhere", kTest); }),
            "test store: no such table: nowhere");
  const sqlite::Context noted{.label = "case store", .prepare_note = "cannot prepare statement: "};
  EXPECT_EQ(message_of([&] { Statement(db, "SELEC", noted); }),
            "case store: cannot prepare statement: near \"SELEC\": syntax error");
  sqlite::execute(db, "CREATE TABLE u(k INTEGER PRIMARY KEY)", kTest);
  Statement put(db, "INSERT INTO u VALUES(1)", noted);
  put.run();
  EXPECT_EQ(message_of([&] { put.run(); }), "case store: UNIQUE constraint failed: u.k");
  EXPECT_EQ(message_of([&] { sqlite::execute(db, "DROP TABLE nowhere", kTest); }),
            "test store: no such table: nowhere");
  EXPECT_THROW(Statement(db, "SELECT ?1", kTest).bind(2, int64_t{1}), std::runtime_error);
}

TEST(SqliteStatement, InputErrorsWhenTheFileIsAtFault) {
  Db db;
  const sqlite::Context file{.label = "x.db: reference file error", .input_error = true};
  EXPECT_THROW(Statement(db, "SELECT * FROM nowhere", file), InputError);
  EXPECT_THROW(sqlite::execute(db, "DROP TABLE nowhere", file), InputError);
  EXPECT_THROW(Statement(db, "SELECT * FROM nowhere", kTest), std::runtime_error);
  try {
    Statement(db, "SELECT * FROM nowhere", kTest);
  } catch (const InputError&) {
    ADD_FAILURE() << "a runtime error, not an input error, without input_error";
  } catch (const std::runtime_error&) {
  }
}

}  // namespace
}  // namespace prov::test

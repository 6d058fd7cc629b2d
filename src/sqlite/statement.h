#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace prov::sqlite {

// Who is talking to SQLite, for error messages. Each one reads
// "<label>: <SQLite's message>"; when a statement does not prepare,
// prepare_note comes before SQLite's message.
struct Context {
  std::string label;
  std::string prepare_note = {};
  // The user's file is at fault: throw prov::InputError, not std::runtime_error.
  bool input_error = false;
};

// A prepared statement on one connection, finalised on destruction. Every
// failure throws (see Context), binding included.
class Statement {
 public:
  Statement(sqlite3* db, std::string_view sql, const Context& context);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  // Parameters count from 1.
  Statement& bind(int index, int64_t value);
  Statement& bind(int index, double value);
  Statement& bind(int index, const std::string& text);
  Statement& bind_blob(int index, std::string_view bytes);
  Statement& bind_blob(int index, const void* data, std::size_t size);
  Statement& bind_null(int index);

  // Steps once: true while a row is available.
  bool step();
  // Steps to completion (for writes), then resets.
  void run();
  // Back to the start, with every parameter cleared.
  void reset();

  // Columns count from 0; they read the current row.
  int64_t int64(int column) const;
  double real(int column) const;
  std::string text(int column) const;
  std::string blob(int column) const;
  // Valid until the next step or reset.
  std::string_view blob_view(int column) const;
  bool is_null(int column) const;

 private:
  Statement& check(int rc);
  [[noreturn]] void fail() const;

  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
  std::string label_;
  bool input_error_;
};

// Runs one or more statements that return no rows.
void execute(sqlite3* db, const std::string& sql, const Context& context);

}  // namespace prov::sqlite

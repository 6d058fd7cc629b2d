#include "sqlite/statement.h"

#include <sqlite3.h>

#include <stdexcept>

#include "core/error.h"

namespace prov::sqlite {
namespace {

[[noreturn]] void raise(const std::string& label, bool input_error, const std::string& message) {
  std::string text = label + ": " + message;
  if (input_error) throw InputError(text);
  throw std::runtime_error(text);
}

}  // namespace

Statement::Statement(sqlite3* db, std::string_view sql, const Context& context)
    : db_(db), label_(context.label), input_error_(context.input_error) {
  if (sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &stmt_, nullptr) != SQLITE_OK)
    raise(label_, input_error_, context.prepare_note + sqlite3_errmsg(db));
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

Statement& Statement::bind(int index, int64_t value) { return check(sqlite3_bind_int64(stmt_, index, value)); }

Statement& Statement::bind(int index, double value) { return check(sqlite3_bind_double(stmt_, index, value)); }

Statement& Statement::bind(int index, const std::string& text) {
  return check(sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT));
}

Statement& Statement::bind_blob(int index, std::string_view bytes) {
  return bind_blob(index, bytes.data(), bytes.size());
}

Statement& Statement::bind_blob(int index, const void* data, std::size_t size) {
  return check(sqlite3_bind_blob(stmt_, index, data, static_cast<int>(size), SQLITE_TRANSIENT));
}

Statement& Statement::bind_null(int index) { return check(sqlite3_bind_null(stmt_, index)); }

bool Statement::step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  fail();
}

void Statement::run() {
  while (step()) {
  }
  reset();
}

void Statement::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

int64_t Statement::int64(int column) const { return sqlite3_column_int64(stmt_, column); }

double Statement::real(int column) const { return sqlite3_column_double(stmt_, column); }

std::string Statement::text(int column) const {
  const auto* p = sqlite3_column_text(stmt_, column);
  return p ? std::string(reinterpret_cast<const char*>(p),
                         static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)))
           : std::string();
}

std::string Statement::blob(int column) const { return std::string(blob_view(column)); }

std::string_view Statement::blob_view(int column) const {
  const auto* p = static_cast<const char*>(sqlite3_column_blob(stmt_, column));
  return p ? std::string_view(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column))) : std::string_view();
}

bool Statement::is_null(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }

Statement& Statement::check(int rc) {
  if (rc != SQLITE_OK) fail();
  return *this;
}

void Statement::fail() const { raise(label_, input_error_, sqlite3_errmsg(db_)); }

void execute(sqlite3* db, const std::string& sql, const Context& context) {
  char* error = nullptr;
  if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
    const std::string message = error ? error : "unknown error";
    sqlite3_free(error);
    raise(context.label, context.input_error, message);
  }
}

}  // namespace prov::sqlite

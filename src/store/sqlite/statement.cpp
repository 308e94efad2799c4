#include "store/sqlite/statement.h"

#include <sqlite3.h>

#include <stdexcept>

#include "store/sqlite/sqlite_error.h"

namespace tessera::store::sqlite {

Statement::Statement(sqlite3* db, std::string_view sql) : db_(db) {
  check(db_,
        sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                           &stmt_, nullptr),
        "prepare");
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

int Statement::next_param() {
  if (param_ >= sqlite3_bind_parameter_count(stmt_))
    throw std::logic_error("sqlite: more values bound than the statement has parameters");
  return ++param_;
}

int Statement::next_column() {
  if (column_ >= sqlite3_column_count(stmt_))
    throw std::logic_error("sqlite: more columns read than the statement returns");
  return column_++;
}

Statement& Statement::bind(const std::string& value) {
  // SQLITE_TRANSIENT: sqlite copies the text, so temporaries are safe to bind.
  check(db_,
        sqlite3_bind_text(stmt_, next_param(), value.data(), static_cast<int>(value.size()),
                          SQLITE_TRANSIENT),
        "bind");
  return *this;
}

Statement& Statement::bind(std::int64_t value) {
  check(db_, sqlite3_bind_int64(stmt_, next_param(), value), "bind");
  return *this;
}

Statement& Statement::bind(int value) { return bind(static_cast<std::int64_t>(value)); }

Statement& Statement::bind(bool value) { return bind(static_cast<std::int64_t>(value ? 1 : 0)); }

bool Statement::step() {
  column_ = 0;
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  throw_sqlite_error(db_, rc, "step");
}

void Statement::run() {
  while (step()) {
  }
}

std::string Statement::next_text() {
  const int i = next_column();
  const auto* text = sqlite3_column_text(stmt_, i);
  if (text == nullptr) return {};
  return std::string(reinterpret_cast<const char*>(text),
                     static_cast<std::size_t>(sqlite3_column_bytes(stmt_, i)));
}

std::int64_t Statement::next_int64() { return sqlite3_column_int64(stmt_, next_column()); }

int Statement::next_int() { return static_cast<int>(next_int64()); }

bool Statement::next_bool() { return next_int64() != 0; }

void Statement::reset() noexcept {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
  param_ = 0;
  column_ = 0;
}

}  // namespace tessera::store::sqlite

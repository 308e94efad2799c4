#pragma once
#include <cstdint>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace tessera::store::sqlite {

// Owns one prepared statement. Parameters are bound in order with `bind` (a cursor moves over
// the `?` placeholders) and columns are read in order with `next_*` after `step`, so a model's
// column list and its bind/read code stay in the same order without index arithmetic.
class Statement {
 public:
  Statement(sqlite3* db, std::string_view sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& bind(const std::string& value);
  Statement& bind(std::int64_t value);
  Statement& bind(int value);
  Statement& bind(bool value);

  // Advances to the next row; false when done. Throws on errors (DuplicateError for unique
  // constraint violations).
  bool step();
  // Runs a statement that returns no rows.
  void run();

  std::string next_text();
  std::int64_t next_int64();
  int next_int();
  bool next_bool();

  // Ready for reuse: clears bindings and both cursors. Never throws.
  void reset() noexcept;

 private:
  int next_param();
  int next_column();

  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
  int param_ = 0;
  int column_ = 0;
};

}  // namespace tessera::store::sqlite

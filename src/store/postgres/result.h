#pragma once
#include <cstdint>
#include <string>

struct pg_result;

namespace tessera::store::postgres {

// Owns one PGresult (text format). Rows are visited with `next()`, columns read in order with
// `next_*` like sqlite::Statement, so the shared row mapping (store/rows.h) reads from either.
class Result {
 public:
  explicit Result(pg_result* result) : result_(result) {}
  ~Result();
  Result(Result&& other) noexcept;
  Result& operator=(Result&&) = delete;
  Result(const Result&) = delete;
  Result& operator=(const Result&) = delete;

  int rows() const;
  // Rows an INSERT/UPDATE/DELETE changed.
  std::int64_t affected() const;
  // The command tag, e.g. "COMMIT", or "ROLLBACK" for a COMMIT of a failed transaction.
  std::string command_status() const;

  // Moves to the next row (the first on the first call); false when there is none.
  bool next();

  // NULL reads as "" / 0 / false.
  std::string next_text();
  std::int64_t next_int64();
  int next_int();
  bool next_bool();
  // Whether the next column is NULL, without moving past it.
  bool next_is_null() const;

 private:
  void expect_next_column() const;
  const char* next_value();

  pg_result* result_;
  int row_ = -1;
  int column_ = 0;
};

}  // namespace tessera::store::postgres

#include "store/postgres/result.h"

#include <libpq-fe.h>

#include <charconv>
#include <cstring>
#include <stdexcept>
#include <utility>

namespace tessera::store::postgres {

Result::~Result() { PQclear(result_); }

Result::Result(Result&& other) noexcept
    : result_(std::exchange(other.result_, nullptr)), row_(other.row_), column_(other.column_) {}

int Result::rows() const { return PQntuples(result_); }

std::int64_t Result::affected() const {
  const char* text = PQcmdTuples(result_);
  std::int64_t n = 0;
  std::from_chars(text, text + std::strlen(text), n);  // "" (not a count) leaves 0
  return n;
}

std::string Result::command_status() const { return PQcmdStatus(result_); }

bool Result::next() {
  if (row_ + 1 >= rows()) return false;
  ++row_;
  column_ = 0;
  return true;
}

void Result::expect_next_column() const {
  if (row_ < 0 || row_ >= rows() || column_ >= PQnfields(result_))
    throw std::logic_error("postgres: read past the end of a result");
}

const char* Result::next_value() {
  expect_next_column();
  const int column = column_++;
  if (PQgetisnull(result_, row_, column)) return nullptr;
  return PQgetvalue(result_, row_, column);
}

bool Result::next_is_null() const {
  expect_next_column();
  return PQgetisnull(result_, row_, column_) != 0;
}

std::string Result::next_text() {
  const char* value = next_value();
  return value != nullptr ? std::string(value, PQgetlength(result_, row_, column_ - 1)) : "";
}

std::int64_t Result::next_int64() {
  const char* value = next_value();
  if (value == nullptr) return 0;
  std::int64_t n = 0;
  const auto end = value + std::strlen(value);
  const auto [ptr, ec] = std::from_chars(value, end, n);
  if (ec != std::errc() || ptr != end)
    throw std::runtime_error("postgres: a column expected to hold an integer does not");
  return n;
}

int Result::next_int() { return static_cast<int>(next_int64()); }

bool Result::next_bool() {
  const char* value = next_value();
  return value != nullptr && value[0] == 't';
}

}  // namespace tessera::store::postgres

#include "store/postgres/pg_error.h"

#include <libpq-fe.h>

#include <string>

#include "auth/store.h"

namespace tessera::store::postgres {
namespace {

std::string trimmed(const char* text) {
  std::string s = text != nullptr ? text : "";
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

std::string field(const pg_result* result, int code) {
  return trimmed(PQresultErrorField(result, code));
}

}  // namespace

void throw_result_error(const pg_result* result, const pg_conn* conn, std::string_view context) {
  std::string message = "postgres: " + std::string(context) + ": ";
  if (result == nullptr) {  // out of memory, or the connection is gone
    message += conn != nullptr ? trimmed(PQerrorMessage(conn)) : "no result";
    throw std::runtime_error(message);
  }
  const std::string state = field(result, PG_DIAG_SQLSTATE);
  message += "SQLSTATE " + (state.empty() ? std::string("?") : state);
  if (!state.starts_with("22")) {
    const std::string primary = field(result, PG_DIAG_MESSAGE_PRIMARY);
    if (!primary.empty()) message += ": " + primary;
  } else if (const auto column = field(result, PG_DIAG_COLUMN_NAME); !column.empty()) {
    message += " (column " + column + ")";
  }
  if (state == "23505") throw auth::DuplicateError(message);
  if (state == kRefusedTotpStep)
    throw auth::WriteRefused(auth::WriteRefused::Reason::kTotpStepUsed, message);
  if (state == kRefusedAttemptChanged)
    throw auth::WriteRefused(auth::WriteRefused::Reason::kAttemptChanged, message);
  if (state == "40001" || state == "40P01") throw SerializationFailure(message);
  throw std::runtime_error(message);
}

void throw_connection_error(const pg_conn* conn, std::string_view context) {
  std::string message = "postgres: " + std::string(context) + ": ";
  message += conn != nullptr ? trimmed(PQerrorMessage(conn)) : "out of memory";
  throw std::runtime_error(message);
}

}  // namespace tessera::store::postgres

#pragma once
#include <stdexcept>
#include <string_view>

struct pg_conn;
struct pg_result;

namespace tessera::store::postgres {

// A transaction lost a race it may win when retried: SQLSTATE 40001 (serialization failure) or
// 40P01 (deadlock detected).
struct SerializationFailure : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// SQLSTATEs of the conditional writes that the server refuses (migration 4's
// tessera_refuse(code), which raises its argument): they stand for auth::WriteRefused.
inline constexpr const char* kRefusedTotpStep = "TS001";
inline constexpr const char* kRefusedAttemptChanged = "TS002";

// Throws for a failed statement: auth::WriteRefused for kRefused*, auth::DuplicateError for unique
// violations (23505), SerializationFailure for 40001/40P01, std::runtime_error otherwise. The
// message carries the context, the SQLSTATE and the server's primary message, except for data
// exceptions (class 22), whose messages quote the offending value. The DETAIL field, which quotes
// key values, is never used: messages name tables, columns and constraints, never data.
[[noreturn]] void throw_result_error(const pg_result* result, const pg_conn* conn,
                                     std::string_view context);

// Throws std::runtime_error with libpq's message about the connection (never the conninfo, so
// never a password).
[[noreturn]] void throw_connection_error(const pg_conn* conn, std::string_view context);

}  // namespace tessera::store::postgres

#pragma once
#include <string>
#include <string_view>

// Small rewrites of the SQL texts the stores build (never of data: values are parameters).
namespace tessera::store::postgres {

// "… WHERE a = ? AND b = ?" -> "… WHERE a = $1 AND b = $2". Question marks inside '…' literals,
// "…" identifiers and -- comments are left alone.
std::string number_placeholders(std::string_view sql);

// A conditional write (UPDATE/INSERT that may change no row) as a statement that fails with
// SQLSTATE `refusal` when it changes none (migration 4's tessera_refuse).
std::string refusing(std::string_view conditional_write, std::string_view refusal);

// A short label for error messages, e.g. "UPDATE users" or "SELECT … FROM sessions".
std::string describe(std::string_view sql);

}  // namespace tessera::store::postgres

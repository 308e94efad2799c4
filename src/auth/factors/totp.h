#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "auth/context.h"

namespace tessera::auth {

// Authenticator-app codes (RFC 6238: SHA-1, 6 digits, 30 s, ±1 step). The secret is sealed at
// rest, bound to the user id.
std::string seal_totp_secret(const AuthContext& ctx, const std::string& user_id,
                             const std::string& base32_secret);
std::string open_totp_secret(const AuthContext& ctx, const User& user);
// True when `code` is valid now and its time step was not used before; the step is consumed
// atomically in the store, so the same code cannot be accepted twice (even on two nodes).
bool verify_totp_code(const AuthContext& ctx, const User& user, std::string_view code);
// The time step `code` is valid for now, without consuming it: the caller claims it in the store
// (Store::record_sign_in) with the writes it makes on success, in one transaction.
std::optional<std::int64_t> match_totp_code(const AuthContext& ctx, const User& user,
                                            std::string_view code);

}  // namespace tessera::auth

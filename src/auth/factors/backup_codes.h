#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "auth/context.h"

namespace tessera::auth {

// Single-use backup codes. Stored as argon2id hashes under a per-user salt (OWASP ASVS 6.5.2 for
// short codes), deterministic so a code is found and consumed with one atomic store update.
// Returns the new codes in clear, to be shown once; all earlier codes stop working.
std::vector<std::string> regenerate_backup_codes(const AuthContext& ctx, User& user);
bool consume_backup_code(const AuthContext& ctx, const User& user, std::string_view code);

}  // namespace tessera::auth

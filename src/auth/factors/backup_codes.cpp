#include "auth/factors/backup_codes.h"

#include <cctype>

#include "crypto/encoding.h"

namespace tessera::auth {
namespace {

// No 0/o, 1/l/i: codes are read off paper.
constexpr std::string_view kAlphabet = "abcdefghjkmnpqrstuvwxyz23456789";
constexpr std::size_t kLength = 10;  // ~49 bits

std::string normalize(std::string_view code) {
  std::string out;
  for (unsigned char c : code)
    if (std::isalnum(c)) out.push_back(static_cast<char>(std::tolower(c)));
  return out;
}

}  // namespace

std::vector<std::string> regenerate_backup_codes(const AuthContext& ctx, User& user) {
  if (user.backup_code_salt.empty()) {
    user.backup_code_salt = crypto::base64url_encode(ctx.random.bytes(16));
    user.updated_at = ctx.now();
    ctx.store.update_user(user);
  }
  std::vector<std::string> codes, hashes;
  for (int i = 0; i < ctx.settings.backup_code_count; ++i) {
    codes.push_back(ctx.random.from_alphabet(kAlphabet, kLength));
    hashes.push_back(ctx.hasher.hash_with_salt(codes.back(), user.backup_code_salt));
  }
  ctx.store.replace_backup_codes(user.id, hashes);
  return codes;
}

bool consume_backup_code(const AuthContext& ctx, const User& user, std::string_view code) {
  const auto normalized = normalize(code);
  if (user.backup_code_salt.empty() || normalized.size() != kLength) return false;
  return ctx.store.consume_backup_code(
      user.id, ctx.hasher.hash_with_salt(normalized, user.backup_code_salt), ctx.now());
}

}  // namespace tessera::auth

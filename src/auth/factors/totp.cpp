#include "auth/factors/totp.h"

#include <stdexcept>

#include "crypto/encoding.h"
#include "crypto/otp.h"

namespace tessera::auth {

std::string seal_totp_secret(const AuthContext& ctx, const std::string& user_id,
                             const std::string& base32_secret) {
  return ctx.secrets.seal(base32_secret, "totp:" + user_id);
}

std::string open_totp_secret(const AuthContext& ctx, const User& user) {
  auto secret = ctx.secrets.open(user.totp_secret_sealed, "totp:" + user.id);
  if (!secret) throw std::runtime_error("TOTP secret cannot be opened with the instance key");
  return *secret;
}

std::optional<std::int64_t> match_totp_code(const AuthContext& ctx, const User& user,
                                            std::string_view code) {
  if (user.totp_secret_sealed.empty() || code.size() != 6) return std::nullopt;
  const auto key = crypto::base32_decode(open_totp_secret(ctx, user));
  if (!key) return std::nullopt;
  return crypto::totp_match(*key, code, ctx.now() / 1000);
}

bool verify_totp_code(const AuthContext& ctx, const User& user, std::string_view code) {
  const auto step = match_totp_code(ctx, user, code);
  return step && ctx.store.advance_totp_step(user.id, *step);
}

}  // namespace tessera::auth

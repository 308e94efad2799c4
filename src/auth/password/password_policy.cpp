#include "auth/password/password_policy.h"

#include <optional>

#include "auth/error.h"
#include "auth/password/common_passwords.h"

namespace tessera::auth {
namespace {

std::size_t count_code_points(std::string_view text) {
  std::size_t n = 0;
  for (unsigned char c : text)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

std::optional<AuthError> policy_violation(const AuthSettings& settings, std::string_view password) {
  const auto length = count_code_points(password);
  if (length < settings.password_min_length)
    return AuthError("form_password_length_too_short", "password",
                     {{"min_length", std::to_string(settings.password_min_length)}});
  if (length > settings.password_max_length)
    return AuthError("form_password_length_too_long", "password",
                     {{"max_length", std::to_string(settings.password_max_length)}});
  if (is_common_password(password)) return AuthError("form_password_pwned", "password");
  return std::nullopt;
}

}  // namespace

void check_password_policy(const AuthSettings& settings, std::string_view password) {
  if (auto violation = policy_violation(settings, password)) throw *violation;
}

bool satisfies_password_policy(const AuthSettings& settings, std::string_view password) {
  return !policy_violation(settings, password);
}

}  // namespace tessera::auth

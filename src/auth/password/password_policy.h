#pragma once
#include <string_view>

#include "auth/settings.h"

namespace tessera::auth {

// Throws form_password_length_too_short / _too_long (param "password") when the password
// breaks the instance's policy, form_password_pwned for a well-known password. Lengths count
// characters (UTF-8 code points), as NIST asks.
void check_password_policy(const AuthSettings& settings, std::string_view password);

// Whether check_password_policy would accept the password as a new one. A sign-in with a
// password that no longer does is flagged, not refused.
bool satisfies_password_policy(const AuthSettings& settings, std::string_view password);

}  // namespace tessera::auth

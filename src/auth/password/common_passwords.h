#pragma once
#include <string_view>

namespace tessera::auth {

// True for passwords on the shipped list of the most common ones (compared case-insensitively),
// which NIST SP 800-63B asks verifiers to refuse when a password is set.
bool is_common_password(std::string_view password);

}  // namespace tessera::auth

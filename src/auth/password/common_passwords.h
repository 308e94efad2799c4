#pragma once
#include <string_view>

namespace tessera::auth {

// True for passwords on the shipped lists of the most common ones (compared case-insensitively):
// Openwall's and zxcvbn-ts's ~49,000 from leaked sets (CMakeLists.txt). NIST SP 800-63B asks
// verifiers to refuse these when a password is set; Clerk refuses breached ones (HIBP).
bool is_common_password(std::string_view password);

}  // namespace tessera::auth

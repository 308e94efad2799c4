#pragma once
#include <string>
#include <vector>

#include "tokens/key_ring.h"

namespace tessera::tokens {

// The token of Clerk's handshake: an RS256 JWT, signed with the session tokens' key (so an app's
// backend verifies it with the same JWKS or PEM), whose payload {"handshake": [...]} lists the
// Set-Cookie headers the app's backend is to send on the app's own domain.
std::string mint_handshake_token(const KeyRing& keys, const std::vector<std::string>& directives);

}  // namespace tessera::tokens

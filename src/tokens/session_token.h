#pragma once
#include <string>

#include "auth/model/session.h"
#include "tokens/key_ring.h"

namespace tessera::tokens {

struct TokenContext {
  std::string issuer;            // our public URL
  std::string authorized_party;  // the request's Origin, if any
  std::int64_t now_ms = 0;
  int lifetime_seconds = 60;
};

// A Clerk v2 session token: RS256 JWT with sid, sub, iss, azp, iat, nbf, exp, v, fva, sts.
std::string mint_session_token(const KeyRing& keys, const auth::Session& session,
                               const TokenContext& context);

// The JWKS document ({"keys":[...]}) for every published key.
std::string jwks_json(const KeyRing& keys);

}  // namespace tessera::tokens

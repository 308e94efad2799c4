#pragma once
#include <cstdint>
#include <string>

namespace tessera::auth {

// An RSA key that signs session tokens. The private key is PEM, sealed with the instance key.
struct SigningKey {
  std::string kid;
  std::string private_key_sealed;
  std::string public_key_pem;
  bool active = true;  // signs new tokens; retired keys stay in the JWKS for verification
  std::int64_t created_at = 0;
};

}  // namespace tessera::auth

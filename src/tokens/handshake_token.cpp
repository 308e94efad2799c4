#include "tokens/handshake_token.h"

#include <nlohmann/json.hpp>

namespace tessera::tokens {

std::string mint_handshake_token(const KeyRing& keys, const std::vector<std::string>& directives) {
  const auto key = keys.active();
  const nlohmann::json header = {{"alg", "RS256"}, {"typ", "JWT"}, {"kid", key.kid}};
  const nlohmann::json payload = {{"handshake", directives}};
  return key.signer->sign(header.dump(), payload.dump());
}

}  // namespace tessera::tokens

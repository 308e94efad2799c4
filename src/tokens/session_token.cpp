#include "tokens/session_token.h"

#include <nlohmann/json.hpp>

#include "crypto/encoding.h"
#include "crypto/random_bytes.h"

namespace tessera::tokens {
namespace {

// Minutes since a factor was verified, or -1 if never (Clerk's `fva`).
long minutes_since(std::int64_t at_ms, std::int64_t now_ms) {
  return at_ms <= 0 ? -1 : static_cast<long>((now_ms - at_ms) / 60000);
}

}  // namespace

std::string mint_session_token(const KeyRing& keys, const auth::Session& session,
                               const TokenContext& context) {
  const auto key = keys.active();
  const auto iat = context.now_ms / 1000;
  nlohmann::json header = {{"alg", "RS256"}, {"typ", "JWT"}, {"kid", key.kid}};
  nlohmann::json claims = {
      {"sid", session.id},
      {"sub", session.user_id},
      {"iss", context.issuer},
      {"iat", iat},
      {"nbf", iat - 10},  // tolerate small clock skew on verifiers
      {"exp", iat + context.lifetime_seconds},
      {"v", 2},
      {"fva",
       {minutes_since(session.first_factor_at, context.now_ms),
        minutes_since(session.second_factor_at, context.now_ms)}},
      {"sts", session.status},
      {"jti", crypto::base64url_encode(crypto::random_bytes(10))},
  };
  if (!context.authorized_party.empty()) claims["azp"] = context.authorized_party;
  return key.signer->sign(header.dump(), claims.dump());
}

std::string jwks_json(const KeyRing& keys) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& key : keys.published()) {
    const auto jwk = crypto::rsa_public_jwk(key.public_key_pem);
    list.push_back({{"kty", "RSA"},
                    {"kid", key.kid},
                    {"use", "sig"},
                    {"alg", "RS256"},
                    {"n", jwk.n},
                    {"e", jwk.e}});
  }
  return nlohmann::json{{"keys", list}}.dump();
}

}  // namespace tessera::tokens

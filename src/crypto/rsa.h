#pragma once
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace tessera::crypto {

struct RsaKeyPair {
  std::string private_pem;  // PKCS#8
  std::string public_pem;   // SubjectPublicKeyInfo ("-----BEGIN PUBLIC KEY-----")
};
RsaKeyPair generate_rsa_key(int bits = 2048);

// The public key as JWK members: modulus and exponent, base64url without padding.
struct RsaJwk {
  std::string n;
  std::string e;
};
RsaJwk rsa_public_jwk(std::string_view public_pem);
// RFC 7638 JWK thumbprint (SHA-256, base64url): a stable key id.
std::string rsa_thumbprint(std::string_view public_pem);

// Signs JWTs with RS256. Thread-safe; holds the parsed key.
class Rs256Signer {
 public:
  explicit Rs256Signer(std::string_view private_pem);
  ~Rs256Signer();
  Rs256Signer(const Rs256Signer&) = delete;
  Rs256Signer& operator=(const Rs256Signer&) = delete;
  // header_json and payload_json are serialised JSON; returns the compact JWS.
  std::string sign(std::string_view header_json, std::string_view payload_json) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Checks an RS256 compact JWS; returns its decoded payload JSON when the signature is valid.
// Claims (exp, ...) are the caller's to check.
std::optional<std::string> rs256_verify(std::string_view jwt, std::string_view public_pem);

}  // namespace tessera::crypto

#include "unit/auth/support/fake_password_hasher.h"

#include "crypto/encoding.h"
#include "crypto/hash.h"

namespace tessera::auth::test {
namespace {

std::string sha256_hex(std::string_view text) { return crypto::hex_encode(crypto::sha256(text)); }

}  // namespace

std::string FakePasswordHasher::hash(std::string_view password) const {
  return std::string(kPrefix) + sha256_hex(password);
}

std::string FakePasswordHasher::legacy_hash(std::string_view password) {
  return std::string(kLegacyPrefix) + sha256_hex(password);
}

bool FakePasswordHasher::verify(std::string_view stored_hash, std::string_view password) const {
  for (const auto prefix : {kPrefix, kLegacyPrefix})
    if (stored_hash.starts_with(prefix))
      return crypto::constant_time_equal(stored_hash.substr(prefix.size()), sha256_hex(password));
  return false;
}

std::string FakePasswordHasher::hash_with_salt(std::string_view secret,
                                               std::string_view salt) const {
  return std::string(kPrefix) + sha256_hex(std::string(salt) + "$" + std::string(secret));
}

bool FakePasswordHasher::needs_rehash(std::string_view stored_hash) const {
  return !stored_hash.starts_with(kPrefix);
}

}  // namespace tessera::auth::test

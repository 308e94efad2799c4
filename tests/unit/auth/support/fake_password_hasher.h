#pragma once
#include <string>
#include <string_view>

#include "auth/password/password_hasher.h"

namespace tessera::auth::test {

// Fast stand-in for argon2id: "fake$" + sha256 hex. Hashes with another prefix (see
// legacy_hash) verify too but need a rehash, like an imported bcrypt hash would.
class FakePasswordHasher final : public PasswordHasher {
 public:
  static constexpr std::string_view kPrefix = "fake$";
  static constexpr std::string_view kLegacyPrefix = "legacy$";

  std::string hash(std::string_view password) const override;
  bool verify(std::string_view stored_hash, std::string_view password) const override;
  std::string hash_with_salt(std::string_view secret, std::string_view salt) const override;
  bool needs_rehash(std::string_view stored_hash) const override;

  // A hash as an older scheme would have stored it.
  static std::string legacy_hash(std::string_view password);
};

}  // namespace tessera::auth::test

#pragma once
#include <string>
#include <string_view>

namespace tessera::auth {

// Slow, salted password hashing (argon2id in production: env/argon2id_password_hasher.h).
// Kept behind an interface so the domain's tests run with a fast fake.
class PasswordHasher {
 public:
  virtual ~PasswordHasher() = default;
  virtual std::string hash(std::string_view password) const = 0;
  virtual bool verify(std::string_view stored_hash, std::string_view password) const = 0;
  // Deterministic hash under a per-user salt, for short codes looked up by equality.
  virtual std::string hash_with_salt(std::string_view secret, std::string_view salt) const = 0;
  virtual bool needs_rehash(std::string_view stored_hash) const = 0;
};

}  // namespace tessera::auth

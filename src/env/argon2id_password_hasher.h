#pragma once
#include "auth/password/password_hasher.h"
#include "crypto/argon2id.h"
#include "crypto/legacy_hashes/any_password_hash.h"

namespace tessera::env {

// The instance's hasher: new hashes are argon2id with the instance's parameters. Hashes of other
// schemes (imported users: bcrypt, argon2i, other argon2id parameters, PBKDF2, Firebase scrypt)
// still verify, and report needs_rehash, so a successful sign-in upgrades them.
class Argon2idPasswordHasher final : public auth::PasswordHasher {
 public:
  explicit Argon2idPasswordHasher(crypto::Argon2Params params = {}) : argon2_(params) {}
  std::string hash(std::string_view password) const override { return argon2_.hash(password); }
  bool verify(std::string_view stored, std::string_view password) const override {
    if (!argon2_.needs_rehash(stored)) return argon2_.verify(stored, password);
    return crypto::verify_any_password_hash(stored, password);
  }
  std::string hash_with_salt(std::string_view secret, std::string_view salt) const override {
    return argon2_.hash_with_salt(secret, salt);
  }
  bool needs_rehash(std::string_view stored) const override { return argon2_.needs_rehash(stored); }

 private:
  crypto::Argon2id argon2_;
};

}  // namespace tessera::env

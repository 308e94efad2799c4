#pragma once
#include "auth/password/password_hasher.h"
#include "crypto/argon2id.h"

namespace tessera::env {

class Argon2idPasswordHasher final : public auth::PasswordHasher {
 public:
  explicit Argon2idPasswordHasher(crypto::Argon2Params params = {}) : argon2_(params) {}
  std::string hash(std::string_view password) const override { return argon2_.hash(password); }
  bool verify(std::string_view stored, std::string_view password) const override {
    return argon2_.verify(stored, password);
  }
  std::string hash_with_salt(std::string_view secret, std::string_view salt) const override {
    return argon2_.hash_with_salt(secret, salt);
  }
  bool needs_rehash(std::string_view stored) const override { return argon2_.needs_rehash(stored); }

 private:
  crypto::Argon2id argon2_;
};

}  // namespace tessera::env

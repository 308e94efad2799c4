#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace tessera::crypto {

struct Argon2Params {
  std::uint32_t memory_kib = 19 * 1024;  // OWASP: m=19 MiB, t=2, p=1
  std::uint32_t iterations = 2;
  std::uint32_t parallelism = 1;
};

// argon2id producing and checking PHC strings ($argon2id$v=19$m=…,t=…,p=…$salt$hash).
class Argon2id {
 public:
  explicit Argon2id(Argon2Params params = {});
  std::string hash(std::string_view password) const;  // fresh random salt
  // Deterministic hash with a given salt (used for backup codes, looked up by equality).
  std::string hash_with_salt(std::string_view password, std::string_view salt) const;
  bool verify(std::string_view phc, std::string_view password) const;
  // True when the PHC string was made with other parameters than ours.
  bool needs_rehash(std::string_view phc) const;
  const Argon2Params& params() const { return params_; }

 private:
  Argon2Params params_;
};

}  // namespace tessera::crypto

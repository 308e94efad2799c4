#include "crypto/legacy_hashes/bcrypt.h"

#include <crypt.h>
#include <openssl/crypto.h>

#include <memory>
#include <string>

#include "crypto/hash.h"
#include "crypto/legacy_hashes/hash_fields.h"

namespace tessera::crypto::legacy {
namespace {

constexpr std::size_t kBcryptLength = 60;
constexpr std::size_t kSaltAndHashLength = 53;

bool is_bcrypt_base64(char c) {
  return c == '.' || c == '/' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
         (c >= '0' && c <= '9');
}

}  // namespace

bool is_bcrypt_hash(std::string_view stored) {
  if (stored.size() != kBcryptLength) return false;
  const auto fields = split_fields(stored);
  if (fields.size() != 4 || !fields[0].empty()) return false;
  if (fields[1] != "2a" && fields[1] != "2b" && fields[1] != "2y") return false;
  if (fields[2].size() != 2 || !parse_bounded(fields[2], kMinBcryptCost, kMaxBcryptCost))
    return false;
  if (fields[3].size() != kSaltAndHashLength) return false;
  for (const char c : fields[3])
    if (!is_bcrypt_base64(c)) return false;
  return true;
}

bool verify_bcrypt(std::string_view stored, std::string_view password) {
  if (!is_bcrypt_hash(stored)) return false;
  // crypt reads C strings: a password with a NUL byte cannot be what was hashed.
  if (password.find('\0') != std::string_view::npos) return false;
  const std::string phrase(password);
  const std::string setting(stored);
  auto data = std::make_unique<crypt_data>();  // large; value-initialised as crypt_rn requires
  const char* computed = crypt_rn(phrase.c_str(), setting.c_str(), data.get(), sizeof *data);
  const bool ok = computed != nullptr && constant_time_equal(computed, stored);
  OPENSSL_cleanse(data.get(), sizeof *data);  // the key schedule derives from the password
  return ok;
}

}  // namespace tessera::crypto::legacy

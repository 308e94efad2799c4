#include "crypto/argon2id.h"

#include <sodium.h>

#include <stdexcept>

#include "crypto/encoding.h"
#include "crypto/hash.h"
#include "crypto/sodium_init.h"

namespace tessera::crypto {
namespace {

constexpr std::size_t kRawHashBytes = 32;

// An empty string_view may hold a null pointer; libsodium expects a valid one.
const char* chars_of(std::string_view s) { return s.empty() ? "" : s.data(); }

std::size_t memlimit_bytes(const Argon2Params& params) {
  return static_cast<std::size_t>(params.memory_kib) * 1024;
}

}  // namespace

Argon2id::Argon2id(Argon2Params params) : params_(params) {
  ensure_sodium_initialized();
  // libsodium implements the single-lane variant only.
  if (params_.parallelism != 1) throw std::invalid_argument("argon2id: parallelism must be 1");
  if (params_.iterations < crypto_pwhash_argon2id_OPSLIMIT_MIN ||
      params_.iterations > crypto_pwhash_argon2id_OPSLIMIT_MAX) {
    throw std::invalid_argument("argon2id: iterations out of range");
  }
  if (memlimit_bytes(params_) < crypto_pwhash_argon2id_MEMLIMIT_MIN ||
      memlimit_bytes(params_) > crypto_pwhash_argon2id_MEMLIMIT_MAX) {
    throw std::invalid_argument("argon2id: memory out of range");
  }
}

std::string Argon2id::hash(std::string_view password) const {
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, chars_of(password), password.size(), params_.iterations,
                            memlimit_bytes(params_), crypto_pwhash_ALG_ARGON2ID13) != 0) {
    throw std::runtime_error("argon2id: hashing failed (out of memory?)");
  }
  return out;
}

std::string Argon2id::hash_with_salt(std::string_view password, std::string_view salt) const {
  // Any salt string maps to the fixed salt size argon2 wants.
  const std::string salt_bytes = sha256(salt).substr(0, crypto_pwhash_SALTBYTES);
  unsigned char out[kRawHashBytes];
  if (crypto_pwhash(out, sizeof out, chars_of(password), password.size(),
                    reinterpret_cast<const unsigned char*>(salt_bytes.data()), params_.iterations,
                    memlimit_bytes(params_), crypto_pwhash_ALG_ARGON2ID13) != 0) {
    throw std::runtime_error("argon2id: hashing failed (out of memory?)");
  }
  return base64url_encode(std::string_view(reinterpret_cast<const char*>(out), sizeof out));
}

bool Argon2id::verify(std::string_view phc, std::string_view password) const {
  if (phc.size() >= crypto_pwhash_STRBYTES) return false;
  const std::string terminated(phc);  // libsodium reads a C string
  return crypto_pwhash_str_verify(terminated.c_str(), chars_of(password), password.size()) == 0;
}

bool Argon2id::needs_rehash(std::string_view phc) const {
  const std::string terminated(phc);
  // The argon2id-specific check also reports other algorithms (argon2i, bcrypt, …) as stale.
  return crypto_pwhash_argon2id_str_needs_rehash(terminated.c_str(), params_.iterations,
                                                 memlimit_bytes(params_)) != 0;
}

}  // namespace tessera::crypto

#include "crypto/legacy_hashes/scrypt_firebase.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <memory>

#include "crypto/encoding.h"
#include "crypto/hash.h"
#include "crypto/legacy_hashes/hash_fields.h"

namespace tessera::crypto::legacy {
namespace {

constexpr std::size_t kDerivedKeyBytes = 32;  // AES-256
constexpr std::size_t kMaxFieldBytes = 1024;
constexpr std::uint64_t kScryptMaxMem = 64ull * 1024 * 1024;  // ≥ 128·r·N at the limits above

struct CipherCtxFree {
  void operator()(EVP_CIPHER_CTX* p) const { EVP_CIPHER_CTX_free(p); }
};

bool valid(const ScryptFirebase& h) {
  return !h.signer_key.empty() && h.hash.size() == h.signer_key.size() &&
         h.signer_key.size() <= kMaxFieldBytes && h.salt.size() <= kMaxFieldBytes &&
         h.salt_separator.size() <= kMaxFieldBytes && h.rounds >= 1 &&
         h.rounds <= kMaxScryptFirebaseRounds && h.mem_cost >= 1 &&
         h.mem_cost <= kMaxScryptFirebaseMemCost;
}

std::optional<ScryptFirebase> checked(std::optional<std::string> hash,
                                      std::optional<std::string> salt,
                                      std::optional<std::string> separator,
                                      std::optional<std::string> signer_key,
                                      std::optional<std::uint64_t> rounds,
                                      std::optional<std::uint64_t> mem_cost) {
  if (!hash || !salt || !separator || !signer_key || !rounds || !mem_cost) return std::nullopt;
  ScryptFirebase h{std::move(*hash),
                   std::move(*salt),
                   std::move(*separator),
                   std::move(*signer_key),
                   static_cast<std::uint32_t>(*rounds),
                   static_cast<std::uint32_t>(*mem_cost)};
  if (!valid(h)) return std::nullopt;
  return h;
}

// AES-256-CTR with a zero IV; the output is as long as the input.
std::optional<std::string> aes256_ctr(const unsigned char* key, std::string_view input) {
  std::unique_ptr<EVP_CIPHER_CTX, CipherCtxFree> ctx(EVP_CIPHER_CTX_new());
  const unsigned char iv[16] = {};
  std::string out(input.size(), '\0');
  int written = 0;
  int final_written = 0;
  if (!ctx || EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_ctr(), nullptr, key, iv) != 1 ||
      EVP_EncryptUpdate(ctx.get(), reinterpret_cast<unsigned char*>(out.data()), &written,
                        reinterpret_cast<const unsigned char*>(input.data()),
                        static_cast<int>(input.size())) != 1 ||
      EVP_EncryptFinal_ex(ctx.get(), reinterpret_cast<unsigned char*>(out.data()) + written,
                          &final_written) != 1 ||
      static_cast<std::size_t>(written + final_written) != input.size()) {
    return std::nullopt;
  }
  return out;
}

}  // namespace

std::optional<ScryptFirebase> parse_clerk_scrypt_firebase(std::string_view digest) {
  const auto f = split_fields(digest);
  if (f.size() != 6) return std::nullopt;
  return checked(decode_base64_any_padding(f[0]), decode_base64_any_padding(f[1]),
                 decode_base64_any_padding(f[3]), decode_base64_any_padding(f[2]),
                 parse_bounded(f[4], 1, kMaxScryptFirebaseRounds),
                 parse_bounded(f[5], 1, kMaxScryptFirebaseMemCost));
}

std::optional<ScryptFirebase> parse_stored_scrypt_firebase(std::string_view stored) {
  const auto f = split_fields(stored);
  if (f.size() != 7 || !f[0].empty() || f[1] != "scrypt-firebase") return std::nullopt;
  const auto cost = split_fields(f[2], ',');
  if (cost.size() != 2 || !cost[0].starts_with("r=") || !cost[1].starts_with("m="))
    return std::nullopt;
  return checked(decode_base64_any_padding(f[6]), decode_base64_any_padding(f[3]),
                 decode_base64_any_padding(f[4]), decode_base64_any_padding(f[5]),
                 parse_bounded(cost[0].substr(2), 1, kMaxScryptFirebaseRounds),
                 parse_bounded(cost[1].substr(2), 1, kMaxScryptFirebaseMemCost));
}

std::string to_stored_scrypt_firebase(const ScryptFirebase& h) {
  return "$scrypt-firebase$r=" + std::to_string(h.rounds) + ",m=" + std::to_string(h.mem_cost) +
         "$" + base64_encode(h.salt) + "$" + base64_encode(h.salt_separator) + "$" +
         base64_encode(h.signer_key) + "$" + base64_encode(h.hash);
}

bool verify_scrypt_firebase(const ScryptFirebase& h, std::string_view password) {
  if (!valid(h)) return false;
  const std::string salt = h.salt + h.salt_separator;
  static const char kEmpty = 0;
  unsigned char key[kDerivedKeyBytes];
  if (EVP_PBE_scrypt(password.empty() ? &kEmpty : password.data(), password.size(),
                     reinterpret_cast<const unsigned char*>(salt.empty() ? &kEmpty : salt.data()),
                     salt.size(), std::uint64_t{1} << h.mem_cost, h.rounds, 1, kScryptMaxMem, key,
                     sizeof key) != 1) {
    return false;
  }
  const auto computed = aes256_ctr(key, h.signer_key);
  OPENSSL_cleanse(key, sizeof key);
  return computed && constant_time_equal(*computed, h.hash);
}

}  // namespace tessera::crypto::legacy

#include "crypto/legacy_hashes/pbkdf2_sha256.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <algorithm>

#include "crypto/encoding.h"
#include "crypto/hash.h"
#include "crypto/legacy_hashes/hash_fields.h"

namespace tessera::crypto::legacy {
namespace {

constexpr std::size_t kMinHashBytes = 16;
constexpr std::size_t kMaxHashBytes = 64;
constexpr std::size_t kMaxSaltBytes = 256;

std::optional<std::string> ab64_decode(std::string_view text) {
  if (text.find_first_of("+=") != std::string_view::npos) return std::nullopt;
  std::string standard(text);
  std::replace(standard.begin(), standard.end(), '.', '+');
  return decode_base64_any_padding(standard);
}

std::string ab64_encode(std::string_view bytes) {
  std::string text = base64_encode(bytes);
  text.erase(std::find(text.begin(), text.end(), '='), text.end());
  std::replace(text.begin(), text.end(), '+', '.');
  return text;
}

// <iterations>$<salt>$<hash> after the scheme's own prefix field(s), decoded by the callers.
std::optional<Pbkdf2Sha256> assemble(std::string_view iterations, std::optional<std::string> salt,
                                     std::optional<std::string> hash) {
  const auto n = parse_bounded(iterations, 1, kMaxPbkdf2Iterations);
  if (!n || !salt || !hash || salt->empty() || salt->size() > kMaxSaltBytes) return std::nullopt;
  if (hash->size() < kMinHashBytes || hash->size() > kMaxHashBytes) return std::nullopt;
  return Pbkdf2Sha256{static_cast<std::uint32_t>(*n), std::move(*salt), std::move(*hash)};
}

}  // namespace

std::optional<Pbkdf2Sha256> parse_django_pbkdf2_sha256(std::string_view stored) {
  const auto f = split_fields(stored);
  if (f.size() != 4 || f[0] != "pbkdf2_sha256") return std::nullopt;
  return assemble(f[1], std::string(f[2]), decode_base64_any_padding(f[3]));
}

std::optional<Pbkdf2Sha256> parse_passlib_pbkdf2_sha256(std::string_view stored) {
  const auto f = split_fields(stored);
  if (f.size() != 5 || !f[0].empty() || f[1] != "pbkdf2-sha256") return std::nullopt;
  return assemble(f[2], ab64_decode(f[3]), ab64_decode(f[4]));
}

std::optional<Pbkdf2Sha256> parse_clerk_pbkdf2_sha256(std::string_view digest) {
  const auto f = split_fields(digest);
  if (f.size() != 4 || f[0] != "pbkdf2_sha256") return std::nullopt;
  return assemble(f[1], decode_base64_any_padding(f[2]), decode_base64_any_padding(f[3]));
}

std::string to_passlib_pbkdf2_sha256(const Pbkdf2Sha256& h) {
  return "$pbkdf2-sha256$" + std::to_string(h.iterations) + "$" + ab64_encode(h.salt) + "$" +
         ab64_encode(h.hash);
}

bool verify_pbkdf2_sha256(const Pbkdf2Sha256& h, std::string_view password) {
  if (h.iterations == 0 || h.iterations > kMaxPbkdf2Iterations) return false;
  if (h.hash.size() < kMinHashBytes || h.hash.size() > kMaxHashBytes) return false;
  static const char kEmpty = 0;
  unsigned char out[kMaxHashBytes];
  const int ok = PKCS5_PBKDF2_HMAC(
      password.empty() ? &kEmpty : password.data(), static_cast<int>(password.size()),
      reinterpret_cast<const unsigned char*>(h.salt.data()), static_cast<int>(h.salt.size()),
      static_cast<int>(h.iterations), EVP_sha256(), static_cast<int>(h.hash.size()), out);
  const bool equal =
      ok == 1 && constant_time_equal(
                     std::string_view(reinterpret_cast<const char*>(out), h.hash.size()), h.hash);
  OPENSSL_cleanse(out, sizeof out);
  return equal;
}

}  // namespace tessera::crypto::legacy

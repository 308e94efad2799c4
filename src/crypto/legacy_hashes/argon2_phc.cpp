#include "crypto/legacy_hashes/argon2_phc.h"

#include <sodium.h>

#include "crypto/legacy_hashes/hash_fields.h"
#include "crypto/sodium_init.h"

namespace tessera::crypto::legacy {
namespace {

constexpr std::size_t kMinSaltBytes = 8;
constexpr std::size_t kMinHashBytes = 16;
constexpr std::size_t kMaxEncodedBytes = 512;

// PHC strings use standard base64 without padding.
bool is_unpadded_base64(std::string_view text, std::size_t min_bytes) {
  if (text.find('=') != std::string_view::npos) return false;
  const auto bytes = decode_base64_any_padding(text);
  return bytes && bytes->size() >= min_bytes;
}

// "m=65536,t=2,p=1" in this order, as every encoder writes it.
bool parse_cost(std::string_view text, Argon2PhcParams& out) {
  const auto parts = split_fields(text, ',');
  if (parts.size() != 3) return false;
  const auto value = [&](std::string_view part, std::string_view key, std::uint64_t min,
                         std::uint64_t max) -> std::optional<std::uint64_t> {
    if (!part.starts_with(key)) return std::nullopt;
    return parse_bounded(part.substr(key.size()), min, max);
  };
  const auto m = value(parts[0], "m=", 8, kMaxArgon2MemoryKib);
  const auto t = value(parts[1], "t=", 1, kMaxArgon2Iterations);
  const auto p = value(parts[2], "p=", 1, kMaxArgon2Parallelism);
  if (!m || !t || !p || *m < 8 * *p) return false;
  out.memory_kib = static_cast<std::uint32_t>(*m);
  out.iterations = static_cast<std::uint32_t>(*t);
  out.parallelism = static_cast<std::uint32_t>(*p);
  return true;
}

}  // namespace

std::optional<Argon2PhcParams> parse_argon2_phc(std::string_view stored) {
  if (stored.size() > kMaxEncodedBytes) return std::nullopt;
  const auto fields = split_fields(stored);
  if (fields.size() != 6 || !fields[0].empty()) return std::nullopt;
  Argon2PhcParams params;
  if (fields[1] != "argon2i" && fields[1] != "argon2id") return std::nullopt;
  params.variant = std::string(fields[1]);
  if (fields[2] != "v=19") return std::nullopt;
  if (!parse_cost(fields[3], params)) return std::nullopt;
  if (!is_unpadded_base64(fields[4], kMinSaltBytes) ||
      !is_unpadded_base64(fields[5], kMinHashBytes)) {
    return std::nullopt;
  }
  return params;
}

bool verify_argon2_phc(std::string_view stored, std::string_view password) {
  if (!parse_argon2_phc(stored)) return false;
  if (stored.size() >= crypto_pwhash_STRBYTES) return false;  // libsodium's own limit
  ensure_sodium_initialized();
  const std::string terminated(stored);
  return crypto_pwhash_str_verify(terminated.c_str(), password.empty() ? "" : password.data(),
                                  password.size()) == 0;
}

}  // namespace tessera::crypto::legacy

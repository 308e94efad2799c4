#include "crypto/argon2_phc.h"

#include <string>

#include "crypto/encoding.h"
#include "crypto/hash.h"
#include "crypto/legacy_hashes/hash_fields.h"

namespace tessera::crypto {
namespace {

using legacy::decode_base64_any_padding;
using legacy::parse_bounded;
using legacy::split_fields;

constexpr std::size_t kMinSaltBytes = 8;
constexpr std::size_t kMinHashBytes = 16;
constexpr std::size_t kMaxEncodedBytes = 512;

// PHC strings use standard base64 without padding.
std::optional<std::string> unpadded_base64(std::string_view text, std::size_t min_bytes) {
  if (text.find('=') != std::string_view::npos) return std::nullopt;
  auto bytes = decode_base64_any_padding(text);
  if (!bytes || bytes->size() < min_bytes) return std::nullopt;
  return bytes;
}

std::string without_padding(std::string text) {
  while (!text.empty() && text.back() == '=') text.pop_back();
  return text;
}

// "m=65536,t=2,p=1" in this order, as every encoder writes it.
bool parse_cost(std::string_view text, Argon2Cost& out) {
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
  out.lanes = static_cast<std::uint32_t>(*p);
  return true;
}

}  // namespace

std::optional<Argon2Phc> parse_argon2_phc(std::string_view stored) {
  if (stored.size() > kMaxEncodedBytes) return std::nullopt;
  const auto fields = split_fields(stored);
  if (fields.size() != 6 || !fields[0].empty()) return std::nullopt;
  Argon2Phc phc;
  if (fields[1] == "argon2id")
    phc.variant = Argon2Variant::id;
  else if (fields[1] == "argon2i")
    phc.variant = Argon2Variant::i;
  else
    return std::nullopt;
  if (fields[2] != "v=19") return std::nullopt;
  if (!parse_cost(fields[3], phc.cost)) return std::nullopt;
  auto salt = unpadded_base64(fields[4], kMinSaltBytes);
  auto hash = unpadded_base64(fields[5], kMinHashBytes);
  if (!salt || !hash) return std::nullopt;
  phc.salt = std::move(*salt);
  phc.hash = std::move(*hash);
  return phc;
}

std::string format_argon2_phc(const Argon2Phc& phc) {
  return std::string(phc.variant == Argon2Variant::id ? "$argon2id" : "$argon2i") +
         "$v=19$m=" + std::to_string(phc.cost.memory_kib) +
         ",t=" + std::to_string(phc.cost.iterations) + ",p=" + std::to_string(phc.cost.lanes) +
         "$" + without_padding(base64_encode(phc.salt)) + "$" +
         without_padding(base64_encode(phc.hash));
}

bool verify_argon2_phc(std::string_view stored, std::string_view password) {
  const auto phc = parse_argon2_phc(stored);
  if (!phc) return false;
  const auto computed = argon2_raw(phc->variant, password, phc->salt, phc->cost, phc->hash.size());
  return constant_time_equal(computed, phc->hash);
}

}  // namespace tessera::crypto

#include "crypto/argon2id.h"

#include <stdexcept>

#include "crypto/argon2_phc.h"
#include "crypto/encoding.h"
#include "crypto/hash.h"
#include "crypto/random_bytes.h"

namespace tessera::crypto {
namespace {

constexpr std::size_t kRawHashBytes = 32;
constexpr std::size_t kSaltBytes = 16;

Argon2Cost cost_of(const Argon2Params& params) {
  return {params.memory_kib, params.iterations, params.parallelism};
}

}  // namespace

Argon2id::Argon2id(Argon2Params params) : params_(params) {
  // Our own hashes stay single-lane (lanes would run one after another on the worker anyway).
  if (params_.parallelism != 1) throw std::invalid_argument("argon2id: parallelism must be 1");
  if (params_.iterations < 1 || params_.iterations > kMaxArgon2Iterations)
    throw std::invalid_argument("argon2id: iterations out of range");
  if (params_.memory_kib < 8 || params_.memory_kib > kMaxArgon2MemoryKib)
    throw std::invalid_argument("argon2id: memory out of range");
}

std::string Argon2id::hash(std::string_view password) const {
  Argon2Phc phc{Argon2Variant::id, cost_of(params_), random_bytes(kSaltBytes), {}};
  phc.hash = argon2_raw(phc.variant, password, phc.salt, phc.cost, kRawHashBytes);
  return format_argon2_phc(phc);
}

std::string Argon2id::hash_with_salt(std::string_view password, std::string_view salt) const {
  // Any salt string maps to the fixed salt size argon2 wants.
  const std::string salt_bytes = sha256(salt).substr(0, kSaltBytes);
  return base64url_encode(
      argon2_raw(Argon2Variant::id, password, salt_bytes, cost_of(params_), kRawHashBytes));
}

bool Argon2id::verify(std::string_view phc, std::string_view password) const {
  return verify_argon2_phc(phc, password);
}

bool Argon2id::needs_rehash(std::string_view stored) const {
  // Anything but argon2id at exactly our cost (argon2i, bcrypt, other parameters) is stale.
  const auto phc = parse_argon2_phc(stored);
  if (!phc || phc->variant != Argon2Variant::id) return true;
  const auto ours = cost_of(params_);
  return phc->cost.memory_kib != ours.memory_kib || phc->cost.iterations != ours.iterations ||
         phc->cost.lanes != ours.lanes || phc->hash.size() != kRawHashBytes;
}

}  // namespace tessera::crypto

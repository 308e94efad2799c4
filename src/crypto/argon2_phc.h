#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "crypto/argon2_kernel.h"

namespace tessera::crypto {

// argon2i / argon2id PHC strings, ours and those exported by other systems:
// $argon2id$v=19$m=<KiB>,t=<iterations>,p=<lanes>$<salt b64>$<hash b64> (unpadded base64).
struct Argon2Phc {
  Argon2Variant variant = Argon2Variant::id;
  Argon2Cost cost;
  std::string salt;  // raw bytes
  std::string hash;  // raw bytes
};

// Limits on what a stored hash may ask of one check (memory, time), so that an imported hash
// cannot tie up a worker or exhaust memory.
inline constexpr std::uint32_t kMaxArgon2MemoryKib = 256 * 1024;
inline constexpr std::uint32_t kMaxArgon2Iterations = 32;
inline constexpr std::uint32_t kMaxArgon2Parallelism = 16;

// Syntax (version 19 only, salt of 8+ bytes and hash of 16+ bytes) and limits.
std::optional<Argon2Phc> parse_argon2_phc(std::string_view stored);
std::string format_argon2_phc(const Argon2Phc& phc);
// Recomputes the hash with the string's own variant, cost and salt; constant-time comparison.
// False for anything malformed.
bool verify_argon2_phc(std::string_view stored, std::string_view password);

}  // namespace tessera::crypto

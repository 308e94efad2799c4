#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tessera::crypto::legacy {

// argon2i / argon2id PHC strings as exported by other systems:
// $argon2id$v=19$m=<KiB>,t=<iterations>,p=<lanes>$<salt b64>$<hash b64>.
struct Argon2PhcParams {
  std::string variant;  // "argon2i" or "argon2id"
  std::uint32_t memory_kib = 0;
  std::uint32_t iterations = 0;
  std::uint32_t parallelism = 0;
};

// Limits on what a stored hash may ask of one check (memory, time), so that an imported hash
// cannot tie up a worker or exhaust memory.
inline constexpr std::uint32_t kMaxArgon2MemoryKib = 256 * 1024;
inline constexpr std::uint32_t kMaxArgon2Iterations = 32;
inline constexpr std::uint32_t kMaxArgon2Parallelism = 16;

// Syntax (version 19 only, unpadded base64 salt of 8+ bytes and hash of 16+ bytes) and limits.
std::optional<Argon2PhcParams> parse_argon2_phc(std::string_view stored);
// libsodium's crypto_pwhash_str_verify (both variants); false for anything malformed.
bool verify_argon2_phc(std::string_view stored, std::string_view password);

}  // namespace tessera::crypto::legacy

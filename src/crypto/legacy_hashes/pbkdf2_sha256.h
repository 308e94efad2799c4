#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tessera::crypto::legacy {

// PBKDF2-HMAC-SHA256 in the two stored forms we keep:
//  * Django:  pbkdf2_sha256$<iterations>$<salt, used as is>$<hash, base64>
//  * passlib: $pbkdf2-sha256$<iterations>$<salt, ab64>$<hash, ab64>   (ab64: base64 with '.'
//    for '+', no padding), which is how a salt given as base64 (Clerk's `pbkdf2_sha256`) is kept.
struct Pbkdf2Sha256 {
  std::uint32_t iterations = 0;
  std::string salt;  // raw bytes
  std::string hash;  // raw bytes
};

inline constexpr std::uint32_t kMaxPbkdf2Iterations = 5'000'000;  // one check stays < ~2 s

std::optional<Pbkdf2Sha256> parse_django_pbkdf2_sha256(std::string_view stored);
std::optional<Pbkdf2Sha256> parse_passlib_pbkdf2_sha256(std::string_view stored);
// Clerk's `pbkdf2_sha256` digest: pbkdf2_sha256$<iterations>$<salt b64>$<hash b64>.
std::optional<Pbkdf2Sha256> parse_clerk_pbkdf2_sha256(std::string_view digest);
std::string to_passlib_pbkdf2_sha256(const Pbkdf2Sha256& h);

bool verify_pbkdf2_sha256(const Pbkdf2Sha256& h, std::string_view password);

}  // namespace tessera::crypto::legacy

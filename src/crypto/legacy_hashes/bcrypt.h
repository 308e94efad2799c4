#pragma once
#include <string_view>

namespace tessera::crypto::legacy {

// bcrypt as exported by most frameworks: "$2a$", "$2b$" or "$2y$", a two-digit cost, then 53
// characters of bcrypt's base64 (22 of salt, 31 of hash); 60 characters in all.
// Costs above kMaxBcryptCost are refused: one check would tie up a worker for minutes.
inline constexpr int kMinBcryptCost = 4;
inline constexpr int kMaxBcryptCost = 16;

bool is_bcrypt_hash(std::string_view stored);
// libxcrypt's crypt_rn, compared in constant time. False for anything malformed.
bool verify_bcrypt(std::string_view stored, std::string_view password);

}  // namespace tessera::crypto::legacy

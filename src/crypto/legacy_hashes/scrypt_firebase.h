#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tessera::crypto::legacy {

// Firebase Authentication's modified scrypt (github.com/firebase/scrypt): the key is
// scrypt(password, salt ‖ salt_separator, N = 2^mem_cost, r = rounds, p = 1, 32 bytes), and the
// stored hash is the project's signer key encrypted with AES-256-CTR under that key (zero IV).
struct ScryptFirebase {
  std::string hash;  // raw bytes; as long as the signer key
  std::string salt;
  std::string salt_separator;
  std::string signer_key;
  std::uint32_t rounds = 0;
  std::uint32_t mem_cost = 0;
};

// Firebase's own limits on the project parameters (Admin SDK: rounds 1–8, memory cost 1–14).
inline constexpr std::uint32_t kMaxScryptFirebaseRounds = 8;
inline constexpr std::uint32_t kMaxScryptFirebaseMemCost = 14;

// Clerk's `scrypt_firebase` digest, all base64:
// <hash>$<salt>$<signer key>$<salt separator>$<rounds>$<memory cost>.
std::optional<ScryptFirebase> parse_clerk_scrypt_firebase(std::string_view digest);
// Our stored form, which names its scheme:
// $scrypt-firebase$r=<rounds>,m=<mem cost>$<salt>$<salt separator>$<signer key>$<hash>.
std::optional<ScryptFirebase> parse_stored_scrypt_firebase(std::string_view stored);
std::string to_stored_scrypt_firebase(const ScryptFirebase& h);

bool verify_scrypt_firebase(const ScryptFirebase& h, std::string_view password);

}  // namespace tessera::crypto::legacy

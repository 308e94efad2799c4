#pragma once
#include <string_view>

namespace tessera::crypto {

// The schemes a stored password hash may use: ours (argon2id), and those imported from other
// systems (`tessera users import`), each recognised by how the stored string starts.
enum class PasswordHashScheme {
  unknown,
  argon2,                // $argon2id$… / $argon2i$…   (PHC)
  bcrypt,                // $2a$ / $2b$ / $2y$
  pbkdf2_sha256_django,  // pbkdf2_sha256$…
  pbkdf2_sha256,         // $pbkdf2-sha256$…           (passlib)
  scrypt_firebase,       // $scrypt-firebase$…
};

PasswordHashScheme password_hash_scheme(std::string_view stored);

// Checks the password against a stored hash of any scheme above, comparing in constant time.
// False for an unknown scheme, a malformed string, or parameters beyond the schemes' limits.
bool verify_any_password_hash(std::string_view stored, std::string_view password);

}  // namespace tessera::crypto

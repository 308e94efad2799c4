#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace tessera::crypto {

// Clerk's user import (`password_hasher` + `password_digest`) → the string we store as the
// user's password hash, in a form verify_any_password_hash recognises:
//   bcrypt, argon2i, argon2id     kept as given
//   pbkdf2_sha256_django          kept as given (pbkdf2_sha256$<iter>$<salt>$<b64 hash>)
//   pbkdf2_sha256                 Clerk's base64 salt → $pbkdf2-sha256$… (passlib form)
//   scrypt_firebase               → $scrypt-firebase$…
// nullopt for an unknown hasher, a digest that does not parse as that hasher's format, or one
// whose parameters exceed what we are willing to check at sign-in.
std::optional<std::string> stored_hash_from_import(std::string_view hasher,
                                                   std::string_view digest);

// Whether `hasher` names one of the schemes above.
bool is_supported_import_hasher(std::string_view hasher);

}  // namespace tessera::crypto

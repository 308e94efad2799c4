#pragma once
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace tessera::app {

// One user of an import file, checked and normalised, ready to store.
struct ImportedUser {
  std::string email;                // normalised; becomes the verified primary address
  std::vector<std::string> phones;  // E.164; verified, not reserved for second factors
  std::string password_hash;        // the stored form (crypto/legacy_hashes/imported_digest.h)
  std::string first_name;
  std::string last_name;
};

// Why a line was not imported; never contains the digest.
struct ImportLineError {
  std::string reason;
};

// One line of the JSON-lines import file, in the shape of Clerk's user import (Backend API
// `POST /v1/users` and Clerk's migration script):
//   {"email_address": ["a@x.com"] | "a@x.com"   (also "email_addresses", "email")
//    "phone_number": ["+15555550100"] | "…"     (also "phone_numbers", "phone"; optional)
//    "password_digest": "…", "password_hasher": "bcrypt" | "argon2i" | "argon2id" |
//        "pbkdf2_sha256" | "pbkdf2_sha256_django" | "scrypt_firebase"
//        (also "passwordDigest", "passwordHasher")
//    "first_name": "…", "last_name": "…"        (also "firstName", "lastName"; optional)}
// Other fields are ignored; null counts as absent.
std::variant<ImportedUser, ImportLineError> parse_import_line(std::string_view line);

}  // namespace tessera::app

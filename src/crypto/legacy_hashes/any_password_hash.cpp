#include "crypto/legacy_hashes/any_password_hash.h"

#include "crypto/argon2_phc.h"
#include "crypto/legacy_hashes/bcrypt.h"
#include "crypto/legacy_hashes/pbkdf2_sha256.h"
#include "crypto/legacy_hashes/scrypt_firebase.h"

namespace tessera::crypto {

PasswordHashScheme password_hash_scheme(std::string_view stored) {
  if (stored.starts_with("$argon2id$") || stored.starts_with("$argon2i$"))
    return PasswordHashScheme::argon2;
  if (stored.starts_with("$2a$") || stored.starts_with("$2b$") || stored.starts_with("$2y$"))
    return PasswordHashScheme::bcrypt;
  if (stored.starts_with("pbkdf2_sha256$")) return PasswordHashScheme::pbkdf2_sha256_django;
  if (stored.starts_with("$pbkdf2-sha256$")) return PasswordHashScheme::pbkdf2_sha256;
  if (stored.starts_with("$scrypt-firebase$")) return PasswordHashScheme::scrypt_firebase;
  return PasswordHashScheme::unknown;
}

bool verify_any_password_hash(std::string_view stored, std::string_view password) {
  switch (password_hash_scheme(stored)) {
    case PasswordHashScheme::argon2:
      return verify_argon2_phc(stored, password);
    case PasswordHashScheme::bcrypt:
      return legacy::verify_bcrypt(stored, password);
    case PasswordHashScheme::pbkdf2_sha256_django: {
      const auto h = legacy::parse_django_pbkdf2_sha256(stored);
      return h && legacy::verify_pbkdf2_sha256(*h, password);
    }
    case PasswordHashScheme::pbkdf2_sha256: {
      const auto h = legacy::parse_passlib_pbkdf2_sha256(stored);
      return h && legacy::verify_pbkdf2_sha256(*h, password);
    }
    case PasswordHashScheme::scrypt_firebase: {
      const auto h = legacy::parse_stored_scrypt_firebase(stored);
      return h && legacy::verify_scrypt_firebase(*h, password);
    }
    case PasswordHashScheme::unknown:
      break;
  }
  return false;
}

}  // namespace tessera::crypto

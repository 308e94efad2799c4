#include "crypto/legacy_hashes/imported_digest.h"

#include <array>

#include "crypto/argon2_phc.h"
#include "crypto/legacy_hashes/bcrypt.h"
#include "crypto/legacy_hashes/pbkdf2_sha256.h"
#include "crypto/legacy_hashes/scrypt_firebase.h"

namespace tessera::crypto {
namespace {

constexpr std::array<std::string_view, 6> kHashers = {
    "bcrypt", "argon2i", "argon2id", "pbkdf2_sha256", "pbkdf2_sha256_django", "scrypt_firebase"};

}  // namespace

bool is_supported_import_hasher(std::string_view hasher) {
  for (const auto known : kHashers)
    if (hasher == known) return true;
  return false;
}

std::optional<std::string> stored_hash_from_import(std::string_view hasher,
                                                   std::string_view digest) {
  if (hasher == "bcrypt") {
    if (legacy::is_bcrypt_hash(digest)) return std::string(digest);
  } else if (hasher == "argon2i" || hasher == "argon2id") {
    const auto phc = parse_argon2_phc(digest);
    const auto wanted = hasher == "argon2id" ? Argon2Variant::id : Argon2Variant::i;
    if (phc && phc->variant == wanted) return std::string(digest);
  } else if (hasher == "pbkdf2_sha256_django") {
    if (legacy::parse_django_pbkdf2_sha256(digest)) return std::string(digest);
  } else if (hasher == "pbkdf2_sha256") {
    if (const auto h = legacy::parse_clerk_pbkdf2_sha256(digest))
      return legacy::to_passlib_pbkdf2_sha256(*h);
  } else if (hasher == "scrypt_firebase") {
    if (const auto h = legacy::parse_clerk_scrypt_firebase(digest))
      return legacy::to_stored_scrypt_firebase(*h);
  }
  return std::nullopt;
}

}  // namespace tessera::crypto

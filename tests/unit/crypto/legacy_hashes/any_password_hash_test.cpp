#include "crypto/legacy_hashes/any_password_hash.h"

#include <gtest/gtest.h>

#include <string>

#include "crypto/argon2id.h"
#include "crypto/legacy_hashes/imported_digest.h"

namespace tessera::crypto {
namespace {

constexpr const char* kBcrypt =
    "$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW";  // U*U
constexpr const char* kArgon2i =
    "$argon2i$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$wWKIMhR9lyDFvRz9YTZweHKfbftvj+qf+YFY4NeBbtA";
constexpr const char* kArgon2id =
    "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc";
constexpr const char* kPbkdf2Hash =  // RFC 7914: "passwd", "salt", 1 iteration, 64 bytes
    "VawEblbjCJ/sFpHCJUS2BflBhSFt3gRl5oudV8INrLxJypzM8Xm2RZkWZLOdd+8xfHG4RbHjC9UJESBB06GXgw==";
constexpr const char* kFirebaseDigest =  // github.com/firebase/scrypt README sample
    "lSrfV15cpx95/sZS2W9c9Kp6i/LVgQNDNC/qzrCnh1SAyZvqmZqAjTdn3aoItz+VHjoZilo78198JAdRuid5lQ==$"
    "42xEC+ixf3L2lw==$"
    "jxspr8Ki0RYycVU8zykbdLGjFQ3McFUH0uiiTvC8pVMXAn210wjLNmdZJzxUECKbm0QsEmYUSDzZvpjeJ9WmXA==$"
    "Bw==$8$14";

struct Case {
  const char* hasher;
  std::string digest;
  const char* password;
  PasswordHashScheme scheme;
};

std::vector<Case> cases() {
  return {
      {"bcrypt", kBcrypt, "U*U", PasswordHashScheme::bcrypt},
      {"argon2i", kArgon2i, "password", PasswordHashScheme::argon2},
      {"argon2id", kArgon2id, "password", PasswordHashScheme::argon2},
      {"pbkdf2_sha256", std::string("pbkdf2_sha256$1$c2FsdA==$") + kPbkdf2Hash, "passwd",
       PasswordHashScheme::pbkdf2_sha256},
      {"pbkdf2_sha256_django", std::string("pbkdf2_sha256$1$salt$") + kPbkdf2Hash, "passwd",
       PasswordHashScheme::pbkdf2_sha256_django},
      {"scrypt_firebase", kFirebaseDigest, "user1password", PasswordHashScheme::scrypt_firebase},
  };
}

TEST(AnyPasswordHash, EveryImportedSchemeVerifiesThroughTheDispatcher) {
  for (const auto& c : cases()) {
    SCOPED_TRACE(c.hasher);
    const auto stored = stored_hash_from_import(c.hasher, c.digest);
    ASSERT_TRUE(stored);
    EXPECT_EQ(password_hash_scheme(*stored), c.scheme);
    EXPECT_TRUE(verify_any_password_hash(*stored, c.password));
    EXPECT_FALSE(verify_any_password_hash(*stored, std::string(c.password) + "x"));
  }
}

TEST(AnyPasswordHash, StoredFormsNameTheirScheme) {
  EXPECT_EQ(*stored_hash_from_import("bcrypt", kBcrypt), kBcrypt);
  EXPECT_EQ(*stored_hash_from_import("argon2i", kArgon2i), kArgon2i);
  EXPECT_TRUE(stored_hash_from_import("pbkdf2_sha256",
                                      std::string("pbkdf2_sha256$1$c2FsdA==$") + kPbkdf2Hash)
                  ->starts_with("$pbkdf2-sha256$1$c2FsdA$"));
  EXPECT_TRUE(stored_hash_from_import("scrypt_firebase", kFirebaseDigest)
                  ->starts_with("$scrypt-firebase$"));
}

TEST(AnyPasswordHash, ImportRejectsUnknownHashersAndMismatchedDigests) {
  EXPECT_FALSE(stored_hash_from_import("md5", "5f4dcc3b5aa765d61d8327deb882cf99"));
  EXPECT_FALSE(is_supported_import_hasher("md5"));
  EXPECT_TRUE(is_supported_import_hasher("scrypt_firebase"));
  EXPECT_FALSE(stored_hash_from_import("argon2id", kArgon2i));  // variant must match the hasher
  EXPECT_FALSE(stored_hash_from_import("bcrypt", kArgon2id));
  EXPECT_FALSE(stored_hash_from_import("pbkdf2_sha256", kBcrypt));
  EXPECT_FALSE(stored_hash_from_import("scrypt_firebase", "a$b$c$d$8$14"));
  EXPECT_FALSE(stored_hash_from_import("bcrypt", ""));
}

TEST(AnyPasswordHash, OurOwnArgon2idVerifiesAndUnknownStringsDoNot) {
  const Argon2id argon({.memory_kib = 8 * 1024, .iterations = 1, .parallelism = 1});
  const std::string phc = argon.hash("correct horse");
  EXPECT_TRUE(verify_any_password_hash(phc, "correct horse"));
  EXPECT_FALSE(verify_any_password_hash(phc, "correct horsf"));
  EXPECT_EQ(password_hash_scheme("5f4dcc3b5aa765d61d8327deb882cf99"), PasswordHashScheme::unknown);
  EXPECT_FALSE(verify_any_password_hash("5f4dcc3b5aa765d61d8327deb882cf99", "password"));
  EXPECT_FALSE(verify_any_password_hash("", ""));
}

}  // namespace
}  // namespace tessera::crypto

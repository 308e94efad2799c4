// The production hasher accepts the hashes `tessera users import` stores and asks for them to be
// replaced by the instance's argon2id (sign_in_flow re-hashes after a successful check).
#include <gtest/gtest.h>

#include <string>

#include "crypto/legacy_hashes/imported_digest.h"
#include "env/argon2id_password_hasher.h"

namespace tessera {
namespace {

constexpr crypto::Argon2Params kFast{.memory_kib = 8 * 1024, .iterations = 1, .parallelism = 1};

TEST(ImportedPasswordHash, ImportedHashesVerifyAndNeedRehash) {
  const env::Argon2idPasswordHasher hasher(kFast);
  const std::string bcrypt = "$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW";
  const std::string argon2i =
      "$argon2i$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$wWKIMhR9lyDFvRz9YTZweHKfbftvj+qf+YFY4NeBbtA";
  const std::string other_argon2id =
      "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc";
  const auto pbkdf2 = crypto::stored_hash_from_import(
      "pbkdf2_sha256",
      "pbkdf2_sha256$1$c2FsdA==$VawEblbjCJ/sFpHCJUS2BflBhSFt3gRl5oudV8INrLxJypzM8Xm2RZkWZLOdd+"
      "8xfHG4RbHjC9UJESBB06GXgw==");
  ASSERT_TRUE(pbkdf2);

  EXPECT_TRUE(hasher.verify(bcrypt, "U*U"));
  EXPECT_TRUE(hasher.verify(argon2i, "password"));
  EXPECT_TRUE(hasher.verify(other_argon2id, "password"));
  EXPECT_TRUE(hasher.verify(*pbkdf2, "passwd"));
  EXPECT_FALSE(hasher.verify(bcrypt, "U*u"));
  for (const std::string& stored : {bcrypt, argon2i, other_argon2id, *pbkdf2}) {
    EXPECT_TRUE(hasher.needs_rehash(stored)) << stored;
  }
}

TEST(ImportedPasswordHash, OwnHashesStayAsTheyAre) {
  const env::Argon2idPasswordHasher hasher(kFast);
  const std::string own = hasher.hash("correct horse");
  EXPECT_TRUE(hasher.verify(own, "correct horse"));
  EXPECT_FALSE(hasher.verify(own, "correct horsf"));
  EXPECT_FALSE(hasher.needs_rehash(own));
}

}  // namespace
}  // namespace tessera

#include "crypto/legacy_hashes/bcrypt.h"

#include <gtest/gtest.h>

#include <string>

namespace tessera::crypto::legacy {
namespace {

// Openwall's crypt_blowfish test vectors (wrapper.c); $2b$/$2y$ give the same hash as $2a$ for
// these passwords.
TEST(Bcrypt, PublishedVectorsVerify) {
  EXPECT_TRUE(verify_bcrypt("$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW", "U*U"));
  EXPECT_TRUE(
      verify_bcrypt("$2a$05$CCCCCCCCCCCCCCCCCCCCC.VGOzA784oUp/Z0DY336zx7pLYAy0lwK", "U*U*"));
  EXPECT_TRUE(
      verify_bcrypt("$2a$05$XXXXXXXXXXXXXXXXXXXXXOAcXxm9kjPGEMsLznoKqmqw7tc8WCx4a", "U*U*U"));
  EXPECT_TRUE(verify_bcrypt("$2a$05$CCCCCCCCCCCCCCCCCCCCC.7uG0VCzI2bS7j6ymqJi9CdcdxiRTWNy", ""));
  EXPECT_TRUE(verify_bcrypt("$2b$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW", "U*U"));
  EXPECT_TRUE(verify_bcrypt("$2y$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW", "U*U"));
}

TEST(Bcrypt, OnlyTheFirst72BytesCount) {
  const std::string stored = "$2a$05$abcdefghijklmnopqrstuu5s2v8.iXieOjg/.AySBTTZIIVFJeBui";
  EXPECT_TRUE(
      verify_bcrypt(stored,
                    "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
                    "chars after 72 are ignored"));
  EXPECT_TRUE(
      verify_bcrypt(stored,
                    "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
                    "anything"));
}

TEST(Bcrypt, WrongPasswordsFail) {
  const std::string stored = "$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW";
  EXPECT_FALSE(verify_bcrypt(stored, "U*u"));
  EXPECT_FALSE(verify_bcrypt(stored, "U*U "));
  EXPECT_FALSE(verify_bcrypt(stored, ""));
  EXPECT_FALSE(verify_bcrypt(stored, std::string("U*U\0x", 5)));
}

TEST(Bcrypt, RecognisesOnlyWellFormedHashesWithinLimits) {
  EXPECT_TRUE(is_bcrypt_hash("$2b$10$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW"));
  EXPECT_FALSE(is_bcrypt_hash("$2x$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW"));
  EXPECT_FALSE(is_bcrypt_hash("$2b$5$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeWx"));
  EXPECT_FALSE(is_bcrypt_hash("$2b$03$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW"));
  EXPECT_FALSE(is_bcrypt_hash("$2b$17$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW"));
  EXPECT_FALSE(is_bcrypt_hash("$2b$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOe"));
  EXPECT_FALSE(is_bcrypt_hash("$2b$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOe!"));
  EXPECT_FALSE(is_bcrypt_hash(""));
  EXPECT_FALSE(verify_bcrypt("$2b$05$short", "U*U"));
}

}  // namespace
}  // namespace tessera::crypto::legacy

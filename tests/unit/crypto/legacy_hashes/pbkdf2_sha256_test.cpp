#include "crypto/legacy_hashes/pbkdf2_sha256.h"

#include <gtest/gtest.h>

namespace tessera::crypto::legacy {
namespace {

// RFC 7914 §11, PBKDF2-HMAC-SHA256 with P="passwd", S="salt", c=1, dkLen=64, and with
// P="Password", S="NaCl", c=80000, dkLen=64 (hashes below are those outputs in base64).
constexpr const char* kRfcHash1 =
    "VawEblbjCJ/sFpHCJUS2BflBhSFt3gRl5oudV8INrLxJypzM8Xm2RZkWZLOdd+8xfHG4RbHjC9UJESBB06GXgw==";
constexpr const char* kRfcHash80000 =
    "TdzY9guYviGDDO5e8icB+WQaRBjQTAQUrv8Ih2s0q1ah1CWhIlgzVJrbhBtRybMXaicr3ruh0HhHj2Kzl/M8jQ==";

TEST(Pbkdf2Sha256, DjangoFormUsesTheSaltAsIs) {
  const auto h = parse_django_pbkdf2_sha256(std::string("pbkdf2_sha256$1$salt$") + kRfcHash1);
  ASSERT_TRUE(h);
  EXPECT_EQ(h->iterations, 1u);
  EXPECT_EQ(h->salt, "salt");
  EXPECT_TRUE(verify_pbkdf2_sha256(*h, "passwd"));
  EXPECT_FALSE(verify_pbkdf2_sha256(*h, "passwe"));
  const auto slow =
      parse_django_pbkdf2_sha256(std::string("pbkdf2_sha256$80000$NaCl$") + kRfcHash80000);
  ASSERT_TRUE(slow);
  EXPECT_TRUE(verify_pbkdf2_sha256(*slow, "Password"));
}

TEST(Pbkdf2Sha256, ClerkFormDecodesTheSaltAndConvertsToPasslib) {
  const auto h =
      parse_clerk_pbkdf2_sha256(std::string("pbkdf2_sha256$80000$TmFDbA==$") + kRfcHash80000);
  ASSERT_TRUE(h);
  EXPECT_EQ(h->salt, "NaCl");
  EXPECT_TRUE(verify_pbkdf2_sha256(*h, "Password"));
  const std::string stored = to_passlib_pbkdf2_sha256(*h);
  EXPECT_EQ(
      stored,
      "$pbkdf2-sha256$80000$TmFDbA$TdzY9guYviGDDO5e8icB.WQaRBjQTAQUrv8Ih2s0q1ah1CWhIlgzVJrbhBtRy"
      "bMXaicr3ruh0HhHj2Kzl/M8jQ");
  const auto back = parse_passlib_pbkdf2_sha256(stored);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->salt, "NaCl");
  EXPECT_EQ(back->hash, h->hash);
  EXPECT_TRUE(verify_pbkdf2_sha256(*back, "Password"));
}

TEST(Pbkdf2Sha256, RejectsMalformedOrTooCostly) {
  EXPECT_FALSE(parse_django_pbkdf2_sha256("pbkdf2_sha256$1$salt"));
  EXPECT_FALSE(parse_django_pbkdf2_sha256(std::string("pbkdf2_sha1$1$salt$") + kRfcHash1));
  EXPECT_FALSE(parse_django_pbkdf2_sha256(std::string("pbkdf2_sha256$0$salt$") + kRfcHash1));
  EXPECT_FALSE(parse_django_pbkdf2_sha256(std::string("pbkdf2_sha256$-1$salt$") + kRfcHash1));
  EXPECT_FALSE(parse_django_pbkdf2_sha256(std::string("pbkdf2_sha256$99999999$salt$") + kRfcHash1));
  EXPECT_FALSE(parse_django_pbkdf2_sha256(std::string("pbkdf2_sha256$1$$") + kRfcHash1));
  EXPECT_FALSE(parse_django_pbkdf2_sha256("pbkdf2_sha256$1$salt$AAAA"));  // 3-byte hash
  EXPECT_FALSE(parse_django_pbkdf2_sha256("pbkdf2_sha256$1$salt$not base64!"));
  EXPECT_FALSE(parse_clerk_pbkdf2_sha256(std::string("pbkdf2_sha256$1$%%%$") + kRfcHash1));
  EXPECT_FALSE(parse_passlib_pbkdf2_sha256("$pbkdf2-sha256$1$c2FsdA$a+b"));
}

}  // namespace
}  // namespace tessera::crypto::legacy

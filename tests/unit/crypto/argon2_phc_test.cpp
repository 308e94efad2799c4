#include "crypto/argon2_phc.h"

#include <gtest/gtest.h>
#include <sodium.h>

#include <string>

#include "crypto/sodium_init.h"

namespace tessera::crypto {
namespace {

// From the Argon2 reference implementation (P-H-C/phc-winner-argon2: test.c and the README's
// command-line example), password "password", salt "somesalt".
constexpr const char* kArgon2i =
    "$argon2i$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$wWKIMhR9lyDFvRz9YTZweHKfbftvj+qf+YFY4NeBbtA";
constexpr const char* kArgon2iFourLanes =
    "$argon2i$v=19$m=65536,t=2,p=4$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG";
constexpr const char* kArgon2id =
    "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc";

TEST(Argon2Phc, ReferenceVectorsVerify) {
  EXPECT_TRUE(verify_argon2_phc(kArgon2i, "password"));
  EXPECT_TRUE(verify_argon2_phc(kArgon2iFourLanes, "password"));
  EXPECT_TRUE(verify_argon2_phc(kArgon2id, "password"));
  EXPECT_FALSE(verify_argon2_phc(kArgon2i, "passwore"));
  EXPECT_FALSE(verify_argon2_phc(kArgon2id, ""));
}

TEST(Argon2Phc, Argon2iMadeByLibsodiumVerifies) {
  ensure_sodium_initialized();
  char out[crypto_pwhash_STRBYTES];
  ASSERT_EQ(
      crypto_pwhash_str_alg(out, "hunter22", 8, 3, 8 * 1024 * 1024, crypto_pwhash_ALG_ARGON2I13),
      0);
  EXPECT_TRUE(std::string(out).starts_with("$argon2i$v=19$m=8192,t=3,p=1$")) << out;
  EXPECT_TRUE(verify_argon2_phc(out, "hunter22"));
  EXPECT_FALSE(verify_argon2_phc(out, "hunter23"));
}

TEST(Argon2Phc, ParsesParameters) {
  const auto p = parse_argon2_phc(kArgon2iFourLanes);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->variant, Argon2Variant::i);
  EXPECT_EQ(p->cost.memory_kib, 65536u);
  EXPECT_EQ(p->cost.iterations, 2u);
  EXPECT_EQ(p->cost.lanes, 4u);
  EXPECT_EQ(p->salt, "somesalt");
  EXPECT_EQ(p->hash.size(), 24u);
  EXPECT_EQ(format_argon2_phc(*p), kArgon2iFourLanes);
}

TEST(Argon2Phc, RejectsMalformedOrTooCostlyStrings) {
  EXPECT_FALSE(parse_argon2_phc(
      "$argon2d$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$wWKIMhR9lyDFvRz9YTZweHKfbftvj+qf+YFY4NeBbtA"));
  EXPECT_FALSE(parse_argon2_phc(
      "$argon2i$v=16$m=65536,t=2,p=1$c29tZXNhbHQ$wWKIMhR9lyDFvRz9YTZweHKfbftvj+qf+YFY4NeBbtA"));
  EXPECT_FALSE(parse_argon2_phc(
      "$argon2i$m=65536,t=2,p=1$c29tZXNhbHQ$wWKIMhR9lyDFvRz9YTZweHKfbftvj+qf+YFY4NeBbtA"));
  EXPECT_FALSE(parse_argon2_phc(
      "$argon2i$v=19$m=4194304,t=2,p=1$c29tZXNhbHQ$wWKIMhR9lyDFvRz9YTZweHKfbftvj+qf+YFY4NeBbtA"));
  EXPECT_FALSE(parse_argon2_phc(
      "$argon2i$v=19$m=65536,t=100,p=1$c29tZXNhbHQ$wWKIMhR9lyDFvRz9YTZweHKfbftvj+qf+YFY4NeBbtA"));
  EXPECT_FALSE(parse_argon2_phc(
      "$argon2i$v=19$t=2,m=65536,p=1$c29tZXNhbHQ$wWKIMhR9lyDFvRz9YTZweHKfbftvj+qf+YFY4NeBbtA"));
  EXPECT_FALSE(parse_argon2_phc(
      "$argon2i$v=19$m=65536,t=2,p=1$c29tZQ$wWKIMhR9lyDFvRz9YTZweHKfbftvj+qf+YFY4NeBbtA"));
  EXPECT_FALSE(parse_argon2_phc("$argon2i$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$wWKI"));
  EXPECT_FALSE(parse_argon2_phc(
      "$argon2i$v=19$m=65536,t=2,p=1$c29tZXNhbHQ=$wWKIMhR9lyDFvRz9YTZweHKfbftvj+qf+YFY4NeBbtA"));
  EXPECT_FALSE(parse_argon2_phc(""));
  EXPECT_FALSE(verify_argon2_phc("$argon2i$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$AAAA", "password"));
}

}  // namespace
}  // namespace tessera::crypto

#include "crypto/argon2id.h"

#include <gtest/gtest.h>
#include <sodium.h>

#include <stdexcept>
#include <string>

#include "crypto/encoding.h"
#include "crypto/hash.h"
#include "crypto/sodium_init.h"

namespace tessera::crypto {
namespace {

// Small parameters keep the suite fast; one test below runs the defaults.
constexpr Argon2Params kFast{.memory_kib = 8 * 1024, .iterations = 1, .parallelism = 1};

TEST(Argon2id, HashVerifiesOnlyTheSamePassword) {
  const Argon2id argon(kFast);
  const std::string phc = argon.hash("correct horse battery staple");
  EXPECT_TRUE(phc.starts_with("$argon2id$v=19$m=8192,t=1,p=1$")) << phc;
  EXPECT_TRUE(argon.verify(phc, "correct horse battery staple"));
  EXPECT_FALSE(argon.verify(phc, "correct horse battery stapler"));
  EXPECT_FALSE(argon.verify(phc, ""));
}

TEST(Argon2id, EachHashHasAFreshSalt) {
  const Argon2id argon(kFast);
  EXPECT_NE(argon.hash("password1"), argon.hash("password1"));
}

TEST(Argon2id, VerifyReturnsFalseForGarbage) {
  const Argon2id argon(kFast);
  EXPECT_FALSE(argon.verify("", "password"));
  EXPECT_FALSE(argon.verify("not a hash", "password"));
  EXPECT_FALSE(argon.verify("$argon2id$v=19$m=8192,t=1,p=1$AAAA$BBBB", "password"));
  EXPECT_FALSE(
      argon.verify("$2b$10$abcdefghijklmnopqrstuuTEdNRZtS4lCNMCtD6uGkh3lTqmd7uCy", "password"));
  EXPECT_FALSE(argon.verify(std::string(1000, '$'), "password"));
}

TEST(Argon2id, NeedsRehashWhenParametersOrAlgorithmDiffer) {
  const Argon2id fast(kFast);
  const Argon2id other({.memory_kib = 16 * 1024, .iterations = 1, .parallelism = 1});
  const std::string phc = fast.hash("password1");
  EXPECT_FALSE(fast.needs_rehash(phc));
  EXPECT_TRUE(other.needs_rehash(phc));
  EXPECT_TRUE(other.verify(phc, "password1")) << "old hashes still verify";
  EXPECT_TRUE(fast.needs_rehash("$argon2i$v=19$m=8192,t=1,p=1$c29tZXNhbHQ$aGFzaGhhc2hoYXNo"));
  EXPECT_TRUE(fast.needs_rehash("garbage"));
}

TEST(Argon2id, DefaultParametersFollowOwasp) {
  const Argon2id argon;
  EXPECT_EQ(argon.params().memory_kib, 19u * 1024);
  const std::string phc = argon.hash("hunter22");
  EXPECT_TRUE(phc.starts_with("$argon2id$v=19$m=19456,t=2,p=1$")) << phc;
  EXPECT_TRUE(argon.verify(phc, "hunter22"));
  EXPECT_FALSE(argon.needs_rehash(phc));
}

TEST(Argon2id, HashWithSaltIsDeterministicAndSaltDependent) {
  const Argon2id argon(kFast);
  const std::string a = argon.hash_with_salt("abcd-efgh", "user_1");
  EXPECT_EQ(a, argon.hash_with_salt("abcd-efgh", "user_1"));
  EXPECT_NE(a, argon.hash_with_salt("abcd-efgh", "user_2"));
  EXPECT_NE(a, argon.hash_with_salt("abcd-efgi", "user_1"));
  EXPECT_EQ(a.size(), 43u);  // 32 bytes, base64url without padding
  EXPECT_EQ(a.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
            std::string::npos);
}

TEST(Argon2id, RejectsParametersOutOfRange) {
  EXPECT_THROW(Argon2id({.memory_kib = 8 * 1024, .iterations = 1, .parallelism = 4}),
               std::invalid_argument);
  EXPECT_THROW(Argon2id({.memory_kib = 8 * 1024, .iterations = 0, .parallelism = 1}),
               std::invalid_argument);
  EXPECT_THROW(Argon2id({.memory_kib = 0, .iterations = 1, .parallelism = 1}),
               std::invalid_argument);
}

// Hashes stored before Tessera moved from libsodium to the reference implementation must keep
// verifying, and backup-code digests (hash_with_salt) must come out the same.
TEST(Argon2id, AgreesWithLibsodium) {
  ensure_sodium_initialized();
  const Argon2id argon(kFast);
  char stored[crypto_pwhash_STRBYTES];
  ASSERT_EQ(
      crypto_pwhash_str_alg(stored, "hunter22", 8, 1, 8192u * 1024, crypto_pwhash_ALG_ARGON2ID13),
      0);
  EXPECT_TRUE(argon.verify(stored, "hunter22"));
  EXPECT_FALSE(argon.verify(stored, "hunter23"));
  EXPECT_FALSE(argon.needs_rehash(stored));

  const std::string ours = argon.hash("hunter22");
  EXPECT_EQ(crypto_pwhash_str_verify(ours.c_str(), "hunter22", 8), 0) << ours;

  const std::string salt = sha256("user_1").substr(0, 16);
  unsigned char raw[32];
  ASSERT_EQ(crypto_pwhash(raw, sizeof raw, "abcd-efgh", 9,
                          reinterpret_cast<const unsigned char*>(salt.data()), 1, 8192u * 1024,
                          crypto_pwhash_ALG_ARGON2ID13),
            0);
  EXPECT_EQ(argon.hash_with_salt("abcd-efgh", "user_1"),
            base64url_encode(std::string_view(reinterpret_cast<const char*>(raw), sizeof raw)));
}

}  // namespace
}  // namespace tessera::crypto

#include "crypto/legacy_hashes/scrypt_firebase.h"

#include <gtest/gtest.h>

#include <string>

namespace tessera::crypto::legacy {
namespace {

// The sample in github.com/firebase/scrypt's README (also used by the firebase-scrypt ports):
// project parameters, the exported user's salt and hash, and the password "user1password".
constexpr const char* kSignerKey =
    "jxspr8Ki0RYycVU8zykbdLGjFQ3McFUH0uiiTvC8pVMXAn210wjLNmdZJzxUECKbm0QsEmYUSDzZvpjeJ9WmXA==";
constexpr const char* kSaltSeparator = "Bw==";
constexpr const char* kSalt = "42xEC+ixf3L2lw==";
constexpr const char* kHash =
    "lSrfV15cpx95/sZS2W9c9Kp6i/LVgQNDNC/qzrCnh1SAyZvqmZqAjTdn3aoItz+VHjoZilo78198JAdRuid5lQ==";

// Clerk's digest: <hash>$<salt>$<signer key>$<salt separator>$<rounds>$<memory cost>.
std::string clerk_digest(int rounds = 8, int mem_cost = 14) {
  return std::string(kHash) + "$" + kSalt + "$" + kSignerKey + "$" + kSaltSeparator + "$" +
         std::to_string(rounds) + "$" + std::to_string(mem_cost);
}

TEST(ScryptFirebase, FirebaseSampleVerifies) {
  const auto h = parse_clerk_scrypt_firebase(clerk_digest());
  ASSERT_TRUE(h);
  EXPECT_EQ(h->rounds, 8u);
  EXPECT_EQ(h->mem_cost, 14u);
  EXPECT_EQ(h->salt_separator, "\x07");
  EXPECT_TRUE(verify_scrypt_firebase(*h, "user1password"));
  EXPECT_FALSE(verify_scrypt_firebase(*h, "user1Password"));
  EXPECT_FALSE(verify_scrypt_firebase(*h, ""));
}

TEST(ScryptFirebase, StoredFormRoundTrips) {
  const auto h = parse_clerk_scrypt_firebase(clerk_digest());
  ASSERT_TRUE(h);
  const std::string stored = to_stored_scrypt_firebase(*h);
  EXPECT_EQ(stored, std::string("$scrypt-firebase$r=8,m=14$") + kSalt + "$" + kSaltSeparator + "$" +
                        kSignerKey + "$" + kHash);
  const auto back = parse_stored_scrypt_firebase(stored);
  ASSERT_TRUE(back);
  EXPECT_TRUE(verify_scrypt_firebase(*back, "user1password"));
}

TEST(ScryptFirebase, OtherParametersDoNotVerify) {
  const auto h = parse_clerk_scrypt_firebase(clerk_digest(7, 14));
  ASSERT_TRUE(h);
  EXPECT_FALSE(verify_scrypt_firebase(*h, "user1password"));
}

TEST(ScryptFirebase, RejectsMalformedOrOutOfRange) {
  EXPECT_FALSE(parse_clerk_scrypt_firebase(clerk_digest(0, 14)));
  EXPECT_FALSE(parse_clerk_scrypt_firebase(clerk_digest(9, 14)));
  EXPECT_FALSE(parse_clerk_scrypt_firebase(clerk_digest(8, 15)));
  EXPECT_FALSE(parse_clerk_scrypt_firebase(clerk_digest(8, 0)));
  EXPECT_FALSE(parse_clerk_scrypt_firebase(std::string(kHash) + "$" + kSalt + "$" + kSignerKey));
  // The hash must be as long as the signer key it encrypts.
  EXPECT_FALSE(parse_clerk_scrypt_firebase(std::string("AAAA$") + kSalt + "$" + kSignerKey + "$" +
                                           kSaltSeparator + "$8$14"));
  EXPECT_FALSE(parse_clerk_scrypt_firebase(std::string(kHash) + "$!!$" + kSignerKey + "$" +
                                           kSaltSeparator + "$8$14"));
  EXPECT_FALSE(parse_stored_scrypt_firebase("$scrypt-firebase$r=8$a$b$c$d"));
}

}  // namespace
}  // namespace tessera::crypto::legacy

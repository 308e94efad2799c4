#include "tokens/token_cache.h"

#include <gtest/gtest.h>

namespace tessera::tokens {
namespace {

TEST(TokenCache, ReusesATokenWithinTheWindowAndMintsAfterIt) {
  TokenCache cache(5000);
  int minted = 0;
  auto mint = [&] { return "jwt" + std::to_string(++minted); };
  EXPECT_EQ(cache.get_or_mint("sess_1|active|o", 1000, mint), "jwt1");
  EXPECT_EQ(cache.get_or_mint("sess_1|active|o", 5999, mint), "jwt1");
  EXPECT_EQ(cache.get_or_mint("sess_1|active|o", 6000, mint), "jwt2");
  EXPECT_EQ(minted, 2);
}

TEST(TokenCache, KeysDoNotShareTokens) {
  TokenCache cache(5000);
  int minted = 0;
  auto mint = [&] { return "jwt" + std::to_string(++minted); };
  EXPECT_EQ(cache.get_or_mint("sess_1|pending|o", 0, mint), "jwt1");
  EXPECT_EQ(cache.get_or_mint("sess_1|active|o", 1, mint), "jwt2");
  EXPECT_EQ(cache.get_or_mint("sess_2|active|o", 2, mint), "jwt3");
}

}  // namespace
}  // namespace tessera::tokens

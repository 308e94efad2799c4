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

TEST(TokenCache, ATokenIssuedBeforeTheClientsLastUpdateIsNotReused) {
  // iat and __client_uat are whole seconds: a token of second 11 is stale for an update at 12.x.
  TokenCache cache(5000);
  int minted = 0;
  auto mint = [&] { return "jwt" + std::to_string(++minted); };
  EXPECT_EQ(cache.get_or_mint("sess_1|active|o", 11'900, mint, 11'000), "jwt1");
  EXPECT_EQ(cache.get_or_mint("sess_1|active|o", 12'100, mint, 11'950), "jwt1");  // same second
  EXPECT_EQ(cache.get_or_mint("sess_1|active|o", 12'200, mint, 12'050), "jwt2");
  EXPECT_EQ(cache.get_or_mint("sess_1|active|o", 12'300, mint, 12'050), "jwt2");
}

}  // namespace
}  // namespace tessera::tokens

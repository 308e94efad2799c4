#include "crypto/random_bytes.h"

#include <gtest/gtest.h>

#include <array>
#include <set>

namespace tessera::crypto {
namespace {

TEST(RandomBytes, ReturnsTheRequestedLength) {
  EXPECT_EQ(random_bytes(0).size(), 0u);
  EXPECT_EQ(random_bytes(32).size(), 32u);
}

TEST(RandomBytes, DoesNotRepeat) {
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) EXPECT_TRUE(seen.insert(random_bytes(16)).second);
}

TEST(RandomFill, FillsTheWholeBuffer) {
  // 64 zero bytes surviving a fill by chance has probability 2^-512.
  std::array<std::uint8_t, 64> buffer{};
  random_fill(buffer.data(), buffer.size());
  EXPECT_NE(buffer, (std::array<std::uint8_t, 64>{}));
}

}  // namespace
}  // namespace tessera::crypto

// Random: the helpers built on fill() (uniform, digits, alphabet) and ids.
#include "auth/random.h"

#include <gtest/gtest.h>

#include <cstring>
#include <deque>
#include <set>

#include "auth/ids.h"
#include "unit/auth/support/fake_random.h"

namespace tessera::auth::test {
namespace {

// Hands out the given 32-bit words, in order, so a test controls every draw; counts the fills.
class ScriptedRandom final : public Random {
 public:
  explicit ScriptedRandom(std::deque<std::uint32_t> words) : words_(std::move(words)) {}
  void fill(std::uint8_t* out, std::size_t n) override {
    ASSERT_EQ(n % sizeof(std::uint32_t), 0u);
    ++fills_;
    for (; n > 0; n -= sizeof(std::uint32_t), out += sizeof(std::uint32_t)) {
      ASSERT_FALSE(words_.empty()) << "script exhausted";
      std::memcpy(out, &words_.front(), sizeof(std::uint32_t));
      words_.pop_front();
    }
  }
  std::size_t left() const { return words_.size(); }
  int fills() const { return fills_; }

 private:
  std::deque<std::uint32_t> words_;
  int fills_ = 0;
};

TEST(RandomUniform, StaysInRangeAndReachesEveryValue) {
  FakeRandom random;
  for (std::uint32_t bound : {2u, 3u, 6u, 10u, 62u}) {
    std::set<std::uint32_t> seen;
    for (int i = 0; i < 2000; ++i) {
      const auto v = random.uniform(bound);
      ASSERT_LT(v, bound);
      seen.insert(v);
    }
    EXPECT_EQ(seen.size(), bound) << "bound " << bound;
  }
}

TEST(RandomUniform, BoundOfZeroOrOneIsAlwaysZero) {
  FakeRandom random;
  EXPECT_EQ(random.uniform(0), 0u);
  EXPECT_EQ(random.uniform(1), 0u);
}

TEST(RandomUniform, RejectsTheBiasedTopOfTheRange) {
  // For bound 10 the last 6 values of 2^32 would favour 0–5; they are drawn again.
  ScriptedRandom random({UINT32_MAX, UINT32_MAX - 5, 4294967289u});
  EXPECT_EQ(random.uniform(10), 9u);
  EXPECT_EQ(random.left(), 0u);
}

TEST(RandomUniform, MapsAnAcceptedDrawByRemainder) {
  ScriptedRandom random({1234567u});
  EXPECT_EQ(random.uniform(10), 7u);
}

TEST(RandomDigits, HasTheRequestedLengthAndOnlyDigits) {
  FakeRandom random;
  for (std::size_t n : {0u, 1u, 6u, 32u}) {
    const auto code = random.digits(n);
    EXPECT_EQ(code.size(), n);
    EXPECT_EQ(code.find_first_not_of("0123456789"), std::string::npos) << code;
  }
}

TEST(RandomFromAlphabet, UsesOnlyTheAlphabet) {
  FakeRandom random;
  const auto text = random.from_alphabet("xyz", 300);
  EXPECT_EQ(text.size(), 300u);
  EXPECT_EQ(text.find_first_not_of("xyz"), std::string::npos);
  EXPECT_EQ(std::set<char>(text.begin(), text.end()).size(), 3u);
}

TEST(RandomFromAlphabet, DrawsTheWholeStringAtOnce) {
  ScriptedRandom random({0u, 1u, 2u, 3u, 62u + 4u});
  EXPECT_EQ(
      random.from_alphabet("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 5),
      "abcde");
  EXPECT_EQ(random.fills(), 1);
}

TEST(RandomFromAlphabet, DrawsABiasedWordAgain) {
  // For 10 symbols the top 6 words of 2^32 are biased: the second one is replaced by a new draw.
  ScriptedRandom random({7u, UINT32_MAX, 3u, 13u});
  EXPECT_EQ(random.from_alphabet("0123456789", 3), "733");
  EXPECT_EQ(random.left(), 0u);
}

TEST(RandomFromAlphabet, EmptyAlphabetIsAnError) {
  FakeRandom random;
  EXPECT_EQ(random.from_alphabet("", 0), "");
  EXPECT_THROW(random.from_alphabet("", 1), std::invalid_argument);
}

TEST(RandomBytes, FillsTheRequestedCount) {
  FakeRandom random;
  EXPECT_EQ(random.bytes(0).size(), 0u);
  EXPECT_EQ(random.bytes(33).size(), 33u);
}

TEST(FakeRandom, IsDeterministicPerSeed) {
  FakeRandom a(7), b(7), c(8);
  const auto from_a = a.bytes(16);
  EXPECT_EQ(from_a, b.bytes(16));
  EXPECT_NE(from_a, c.bytes(16));
}

TEST(NewId, HasThePrefixAnd27Base62Characters) {
  FakeRandom random;
  const auto id = new_id(random, "sess");
  ASSERT_EQ(id.size(), 5u + 27u);
  EXPECT_TRUE(id.starts_with("sess_"));
  EXPECT_EQ(
      id.find_first_not_of("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", 5),
      std::string::npos);
  EXPECT_NE(new_id(random, "sess"), id);
}

}  // namespace
}  // namespace tessera::auth::test

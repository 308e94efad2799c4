#include "tokens/key_ring.h"

#include <gtest/gtest.h>

#include <thread>

#include "store/open_store.h"

namespace tessera::tokens {
namespace {

constexpr std::int64_t kT0 = 1'700'000'000'000;
constexpr std::int64_t kDelay = 30'000;

class KeyRingTest : public ::testing::Test {
 protected:
  std::unique_ptr<auth::Store> store_ = store::open_store("sqlite::memory:");
  crypto::SecretBox secrets_{std::string(32, 'k')};
};

std::vector<std::string> kids(const KeyRing& ring) {
  std::vector<std::string> out;
  for (const auto& key : ring.published()) out.push_back(key.kid);
  return out;
}

TEST_F(KeyRingTest, FirstKeySignsAtOnce) {
  KeyRing ring(*store_, secrets_, kDelay);
  ring.load_or_create(kT0);
  ASSERT_EQ(kids(ring).size(), 1u);
  EXPECT_EQ(ring.active().kid, kids(ring).front());
  EXPECT_TRUE(ring.active().signer);
}

TEST_F(KeyRingTest, AnotherNodesRotationIsPublishedAtOnceAndSignsAfterTheDelay) {
  KeyRing node_a(*store_, secrets_, kDelay);
  node_a.load_or_create(kT0);
  const auto old_kid = node_a.active().kid;

  KeyRing cli(*store_, secrets_);  // `tessera keys rotate`
  cli.load_or_create(kT0 + 1000);
  const auto new_kid = cli.rotate(kT0 + 1000);
  ASSERT_NE(new_kid, old_kid);

  node_a.refresh_if_older_than(kT0 + 2000, kDelay);  // too soon: nothing re-read
  EXPECT_EQ(kids(node_a), std::vector<std::string>{old_kid});

  node_a.refresh_if_older_than(kT0 + kDelay, kDelay);  // published, not yet signing
  EXPECT_EQ(kids(node_a), (std::vector<std::string>{new_kid, old_kid}));
  EXPECT_EQ(node_a.active().kid, old_kid);

  node_a.refresh(kT0 + 1000 + kDelay);  // one delay old: signs; the old key stays published
  EXPECT_EQ(node_a.active().kid, new_kid);
  EXPECT_EQ(kids(node_a), (std::vector<std::string>{new_kid, old_kid}));
}

TEST_F(KeyRingTest, ANodeStartingRightAfterARotationSignsWithThePublishedKey) {
  KeyRing first(*store_, secrets_, kDelay);
  first.load_or_create(kT0);
  KeyRing cli(*store_, secrets_);
  cli.rotate(kT0 + kDelay * 10);

  KeyRing fresh(*store_, secrets_, kDelay);
  fresh.load_or_create(kT0 + kDelay * 10 + 5);
  EXPECT_EQ(fresh.active().kid, first.active().kid);
}

TEST_F(KeyRingTest, RetiredKeysStayPublishedButDoNotSign) {
  KeyRing ring(*store_, secrets_);
  ring.load_or_create(kT0);
  const auto first = ring.active().kid;
  const auto second = ring.rotate(kT0 + 1);
  EXPECT_EQ(ring.active().kid, second);  // no delay: one node signs with its new key at once
  store_->retire_signing_keys_except(first);
  ring.refresh(kT0 + 2);
  EXPECT_EQ(ring.active().kid, first);
  EXPECT_EQ(kids(ring), (std::vector<std::string>{second, first}));
}

TEST_F(KeyRingTest, AnUnreadableKeyKeepsTheCurrentOnes) {
  KeyRing ring(*store_, secrets_);
  ring.load_or_create(kT0);
  const auto kid = ring.active().kid;
  const crypto::SecretBox other(std::string(32, 'x'));
  KeyRing foreign(*store_, other);
  foreign.rotate(kT0 + 1);  // sealed under another instance key
  EXPECT_THROW(ring.refresh(kT0 + 2), std::runtime_error);
  EXPECT_EQ(ring.active().kid, kid);
  EXPECT_EQ(kids(ring).size(), 1u);
}

TEST_F(KeyRingTest, NodesStartingTogetherOnAnEmptyDatabaseShareOneFirstKey) {
  KeyRing a(*store_, secrets_, kDelay);
  KeyRing b(*store_, secrets_, kDelay);
  std::thread first([&] { a.load_or_create(kT0); });
  std::thread second([&] { b.load_or_create(kT0 + 1); });
  first.join();
  second.join();
  EXPECT_EQ(store_->signing_keys().size(), 1u);
  EXPECT_EQ(a.active().kid, b.active().kid);
}

TEST_F(KeyRingTest, ConcurrentRefreshesAreSafe) {
  KeyRing ring(*store_, secrets_, 0);
  ring.load_or_create(kT0);
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i)
    threads.emplace_back([&ring, i] {
      for (int n = 0; n < 50; ++n) {
        ring.refresh_if_older_than(kT0 + i * 1000 + n, 0);
        EXPECT_TRUE(ring.active().signer);
      }
    });
  for (auto& t : threads) t.join();
}

}  // namespace
}  // namespace tessera::tokens

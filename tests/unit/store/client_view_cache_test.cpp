// ClientViewCache: a view is served only while no change to its client or users was reported
// since its read began, and never while the cache is off.
#include "store/client_view_cache.h"

#include <gtest/gtest.h>

#include <memory>

#include "unit/store/model_samples.h"

namespace tessera::store::test {
namespace {

using namespace std::chrono_literals;

class ClientViewCacheTest : public ::testing::Test {
 protected:
  ClientViewCache::Clock::time_point now_{};
  ClientViewCache::Options options(std::size_t capacity = 100) {
    return {capacity, 30s, [this] { return now_; }};
  }
  // A cache whose changes are all reported for the next hour.
  std::unique_ptr<ClientViewCache> trusted_cache(std::size_t capacity = 100) {
    auto cache = std::make_unique<ClientViewCache>(options(capacity));
    cache->trust_until(now_ + 1h);
    return cache;
  }

  static auth::ClientView view(const std::string& client_id, const std::string& user_id) {
    auth::ClientView v;
    v.client = sample_client(client_id);
    v.sessions.push_back(sample_session("sess_" + client_id, client_id, user_id, 1));
    auth::UserRecord user;
    user.user = sample_user(user_id);
    v.users.push_back(user);
    return v;
  }
};

TEST_F(ClientViewCacheTest, ServesWhatWasPut) {
  auto owned = trusted_cache();
  auto& cache = *owned;
  EXPECT_FALSE(cache.find("hash_a"));
  cache.put("hash_a", view("client_a", "user_a"), cache.ticket());
  auto found = cache.find("hash_a");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->client.id, "client_a");
  EXPECT_EQ(found->sessions.at(0).user_id, "user_a");
  EXPECT_FALSE(cache.find("hash_b"));
}

TEST_F(ClientViewCacheTest, AChangeToItsClientOrItsUserEvictsIt) {
  auto owned = trusted_cache();
  auto& cache = *owned;
  cache.put("hash_a", view("client_a", "user_a"), cache.ticket());
  cache.put("hash_b", view("client_b", "user_b"), cache.ticket());
  cache.changed({ClientViewCache::client_key("client_a")});
  EXPECT_FALSE(cache.find("hash_a"));
  EXPECT_TRUE(cache.find("hash_b"));
  cache.changed({ClientViewCache::user_key("user_b")});
  EXPECT_FALSE(cache.find("hash_b"));
}

TEST_F(ClientViewCacheTest, AChangeToSomethingElseKeepsIt) {
  auto owned = trusted_cache();
  auto& cache = *owned;
  cache.put("hash_a", view("client_a", "user_a"), cache.ticket());
  cache.changed({ClientViewCache::client_key("client_z"), ClientViewCache::user_key("user_z")});
  EXPECT_TRUE(cache.find("hash_a"));
}

TEST_F(ClientViewCacheTest, AChangeDuringTheReadKeepsItsResultOut) {
  auto owned = trusted_cache();
  auto& cache = *owned;
  const auto ticket = cache.ticket();  // the read begins
  cache.changed({ClientViewCache::user_key("user_a")});
  cache.put("hash_a", view("client_a", "user_a"), ticket);  // what it read may be older
  EXPECT_FALSE(cache.find("hash_a"));
  cache.put("hash_a", view("client_a", "user_a"), cache.ticket());  // a read after the change
  EXPECT_TRUE(cache.find("hash_a"));
}

TEST_F(ClientViewCacheTest, EverythingChangedEvictsAll) {
  auto owned = trusted_cache();
  auto& cache = *owned;
  cache.put("hash_a", view("client_a", "user_a"), cache.ticket());
  cache.changed({ClientViewCache::kEverything});
  EXPECT_FALSE(cache.find("hash_a"));
}

TEST_F(ClientViewCacheTest, ServesNothingUntilTrustedNorAfterTheTrustLapses) {
  ClientViewCache cache(options());
  cache.put("hash_a", view("client_a", "user_a"), cache.ticket());
  EXPECT_FALSE(cache.find("hash_a"));
  EXPECT_EQ(cache.size(), 0u);
  cache.trust_until(now_ + 2s);
  EXPECT_TRUE(cache.trusted());
  cache.put("hash_a", view("client_a", "user_a"), cache.ticket());
  EXPECT_TRUE(cache.find("hash_a"));
  now_ += 2s;
  EXPECT_FALSE(cache.trusted());
  EXPECT_FALSE(cache.find("hash_a"));
  cache.put("hash_b", view("client_b", "user_b"), cache.ticket());
  cache.trust_until(now_ + 2s);  // renewed: what was stored in trust serves again
  EXPECT_TRUE(cache.find("hash_a"));
  EXPECT_FALSE(cache.find("hash_b"));
}

TEST_F(ClientViewCacheTest, EntriesExpire) {
  auto owned = trusted_cache();
  auto& cache = *owned;
  cache.put("hash_a", view("client_a", "user_a"), cache.ticket());
  now_ += 29s;
  EXPECT_TRUE(cache.find("hash_a"));
  now_ += 1s;
  EXPECT_FALSE(cache.find("hash_a"));
}

TEST_F(ClientViewCacheTest, TheLeastRecentlyUsedGoesWhenFull) {
  auto owned = trusted_cache(2);
  auto& cache = *owned;
  cache.put("hash_a", view("client_a", "user_a"), cache.ticket());
  cache.put("hash_b", view("client_b", "user_b"), cache.ticket());
  EXPECT_TRUE(cache.find("hash_a"));
  cache.put("hash_c", view("client_c", "user_c"), cache.ticket());
  EXPECT_EQ(cache.size(), 2u);
  EXPECT_TRUE(cache.find("hash_a"));
  EXPECT_FALSE(cache.find("hash_b"));
  EXPECT_TRUE(cache.find("hash_c"));
}

TEST_F(ClientViewCacheTest, CapacityZeroKeepsNothing) {
  auto owned = trusted_cache(0);
  auto& cache = *owned;
  cache.put("hash_a", view("client_a", "user_a"), cache.ticket());
  EXPECT_FALSE(cache.find("hash_a"));
}

}  // namespace
}  // namespace tessera::store::test

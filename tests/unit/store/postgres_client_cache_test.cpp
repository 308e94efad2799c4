// PostgresStore's client-view cache: every write that changes a client view announces it on the
// change channel with its own commit (and only then), and a node's cache drops what another
// node changed. Skipped unless TESSERA_TEST_POSTGRES_URL names a server.
#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <thread>

#include "store/postgres/change_feed.h"
#include "store/postgres/connection.h"
#include "store/postgres/postgres_store.h"
#include "store/sqlite/sqlite_store.h"
#include "unit/store/model_samples.h"
#include "unit/store/pg_test_schema.h"
#include "unit/store/store_contract.h"

namespace tessera::store::test {
namespace {

using namespace std::chrono_literals;
using postgres::PostgresStore;

bool eventually(const std::function<bool()>& condition,
                std::chrono::milliseconds limit = std::chrono::seconds(5)) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < deadline) {
    if (condition()) return true;
    std::this_thread::sleep_for(5ms);
  }
  return condition();
}

void skip_without_server() { GTEST_SKIP() << "TESSERA_TEST_POSTGRES_URL is not set"; }

// As in postgres_store_test.cpp: the factory turns a missing server into a skip, and the
// placeholder store is never touched.
std::unique_ptr<auth::Store> make_caching_postgres_store() {
  if (!postgres_test_url()) {
    skip_without_server();
    return std::make_unique<sqlite::SqliteStore>(":memory:");
  }
  PgTestSchema schema;
  auto store = std::make_unique<PostgresStore>(schema.url(), 4, 100);
  eventually([&] { return store->caching(); });
  return store;
}

// The whole contract again, with views served from memory wherever the store may.
INSTANTIATE_TEST_SUITE_P(PostgresCaching, StoreContract,
                         ::testing::Values(StoreFactory{"pg_cache", make_caching_postgres_store}),
                         store_factory_name);

// Listens on the change channel and collects what is announced.
class ChannelListener {
 public:
  ChannelListener(const std::string& url, const std::string& channel) : connection_(url) {
    connection_.exec("LISTEN " + postgres::quoted_channel(channel));
  }
  // The payloads heard within `wait` (other nodes' pings left out).
  std::vector<std::string> heard(std::chrono::milliseconds wait = 300ms) {
    std::vector<std::string> payloads;
    const auto deadline = std::chrono::steady_clock::now() + wait;
    while (std::chrono::steady_clock::now() < deadline) {
      for (auto& n : connection_.receive())
        if (n.payload != postgres::kPingPayload) payloads.push_back(n.payload);
      std::this_thread::sleep_for(5ms);
    }
    return payloads;
  }

 private:
  postgres::Connection connection_;
};

class PostgresClientCacheTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!postgres_test_url()) GTEST_SKIP() << "TESSERA_TEST_POSTGRES_URL is not set";
    schema_.emplace();
  }
  const std::string& url() const { return schema_->url(); }

  std::unique_ptr<PostgresStore> node() {
    auto store = std::make_unique<PostgresStore>(url(), 2, 100);
    EXPECT_TRUE(eventually([&] { return store->caching(); }));
    return store;
  }

  // A user signed in on one client, written through `store`. Then a pause, so that the
  // announcements of these writes have come back to the node's own listener.
  void sign_in(PostgresStore& store) {
    store.create_user(sample_user("user_1"), sample_email("idn_1", "user_1", "zoe@example.com"));
    store.create_client(client_);
    store.create_session(sample_session("sess_1", client_.id, "user_1", 1000));
    std::this_thread::sleep_for(300ms);
  }

  // Ends the signed-in session through `store`.
  static void end_session(PostgresStore& store) {
    auto session = *store.find_session("sess_1");
    session.status = "ended";
    store.update_session(session);
  }

  std::string status_seen_by(PostgresStore& store) {
    auto view = store.find_client_view_by_token_hash(client_.token_hash);
    return view && !view->sessions.empty() ? view->sessions.front().status : "none";
  }

  auth::Client client_ = sample_client("client_1");

 private:
  std::optional<PgTestSchema> schema_;
};

TEST_F(PostgresClientCacheTest, ViewsComeFromMemoryUntilAChangeIsAnnounced) {
  auto store = node();
  sign_in(*store);
  EXPECT_EQ(status_seen_by(*store), "pending");
  // A write that bypasses the store (so announces nothing) is not seen: the view is cached.
  postgres::Connection db(url());
  db.exec("UPDATE sessions SET status = 'ended'");
  EXPECT_EQ(status_seen_by(*store), "pending");
  db.exec("NOTIFY " + postgres::quoted_channel(store->channel()) + ", 'c:" + client_.id + "'");
  EXPECT_TRUE(eventually([&] { return status_seen_by(*store) == "ended"; }));
}

TEST_F(PostgresClientCacheTest, ANodeSeesItsOwnWritesAtOnce) {
  auto store = node();
  sign_in(*store);
  EXPECT_EQ(status_seen_by(*store), "pending");
  end_session(*store);
  EXPECT_EQ(status_seen_by(*store), "ended");
  auto session = *store->find_session("sess_1");
  store->transaction([&](auth::Store& tx) {
    session.status = "removed";
    tx.update_session(session);
  });
  EXPECT_EQ(status_seen_by(*store), "removed");
  auto found = store->find_client_session_by_token_hash(client_.token_hash, "sess_1");
  ASSERT_TRUE(found && found->session);
  EXPECT_EQ(found->session->status, "removed");
}

TEST_F(PostgresClientCacheTest, AnotherNodesChangeReachesTheCache) {
  auto first = node();
  auto second = node();
  sign_in(*first);
  EXPECT_EQ(status_seen_by(*first), "pending");
  end_session(*second);
  EXPECT_TRUE(eventually([&] { return status_seen_by(*first) == "ended"; }, 1s));

  auto user = *second->find_user("user_1");
  user.first_name = "Renamed";
  second->update_user(user);
  EXPECT_TRUE(eventually(
      [&] {
        auto view = first->find_client_view_by_token_hash(client_.token_hash);
        return view && view->users.at(0).user.first_name == "Renamed";
      },
      1s));
}

TEST_F(PostgresClientCacheTest, ChangesAreAnnouncedWithTheirCommitAndOnlyThen) {
  auto store = node();
  sign_in(*store);
  ChannelListener channel(url(), store->channel());
  auto session = *store->find_session("sess_1");

  try {
    store->transaction([&](auth::Store& tx) {
      tx.update_session(session);
      throw std::runtime_error("changed my mind");
    });
  } catch (const std::runtime_error&) {
  }
  EXPECT_TRUE(channel.heard().empty());

  store->transaction([&](auth::Store& tx) {
    tx.update_session(session);
    tx.record_sign_in("user_1", 5000, std::nullopt);
  });
  EXPECT_EQ(channel.heard(), std::vector<std::string>({"c:client_1 u:user_1"}));

  store->reset_failed_attempts("user_1");  // outside a transaction: with its own statement
  EXPECT_EQ(channel.heard(), std::vector<std::string>({"u:user_1"}));

  // A write that fails announces nothing.
  store->add_phone_number(sample_phone("idn_2", "user_1"));
  EXPECT_EQ(channel.heard(), std::vector<std::string>({"u:user_1"}));
  EXPECT_THROW(store->add_phone_number(sample_phone("idn_2", "user_1")), auth::DuplicateError);
  EXPECT_TRUE(channel.heard().empty());
}

// The listener's connection dies: the cache stops serving at once (a silent failure would stop
// it within its trust window), and once the listener listens again it serves again, from an
// empty cache.
TEST_F(PostgresClientCacheTest, ACutListenerStopsTheCacheUntilItListensAgain) {
  auto store = node();
  sign_in(*store);
  EXPECT_EQ(status_seen_by(*store), "pending");
  const int listener = store->listener_pid();
  ASSERT_NE(listener, 0);
  postgres::Connection db(url());
  db.exec("SELECT pg_terminate_backend(" + std::to_string(listener) + ")");
  // Unannounced, so only a cache that is still trusted could hide it.
  db.exec("UPDATE sessions SET status = 'ended'");
  EXPECT_TRUE(eventually([&] { return !store->caching(); }, 1s));
  EXPECT_EQ(status_seen_by(*store), "ended");
  EXPECT_TRUE(eventually(
      [&] {
        const int pid = store->listener_pid();
        return store->caching() && pid != 0 && pid != listener;
      },
      5s));
  EXPECT_EQ(status_seen_by(*store), "ended");
}

TEST_F(PostgresClientCacheTest, AClientCreatedAndChangedInOneTransactionIsNotAnnounced) {
  auto store = node();
  ChannelListener channel(url(), store->channel());
  store->transaction([&](auth::Store& tx) {
    tx.create_client(client_);
    auto changed = client_;
    changed.sign_in_id = "sia_1";
    tx.update_client(changed);
  });
  EXPECT_TRUE(channel.heard().empty());
}

}  // namespace
}  // namespace tessera::store::test

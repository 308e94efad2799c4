// PostgresStore: the shared contract plus what only PostgreSQL has (several nodes on one
// database, the connection pool, migrations under an advisory lock). Everything here is skipped
// unless TESSERA_TEST_POSTGRES_URL names a server (see scripts/pg-test-cluster).
#include "store/postgres/postgres_store.h"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <future>
#include <thread>
#include <vector>

#include "store/open_store.h"
#include "store/postgres/connection.h"
#include "store/postgres/migrations.h"
#include "store/sqlite/sqlite_store.h"
#include "unit/store/model_samples.h"
#include "unit/store/pg_test_schema.h"
#include "unit/store/store_contract.h"

namespace tessera::store::test {
namespace {

using postgres::PostgresStore;

constexpr const char* kNoServer =
    "TESSERA_TEST_POSTGRES_URL is not set (start a server with scripts/pg-test-cluster)";

void skip_without_server() { GTEST_SKIP() << kNoServer; }

// The contract's SetUp only asks the factory for a store, so the factory is where a missing
// server turns into a skip: gtest does not run the body of a test whose SetUp skipped, and the
// placeholder store it gets meanwhile is never touched.
std::unique_ptr<auth::Store> make_postgres_store() {
  if (!postgres_test_url()) {
    skip_without_server();
    return std::make_unique<sqlite::SqliteStore>(":memory:");
  }
  PgTestSchema schema;
  return std::make_unique<PostgresStore>(schema.url(), 4);
}

INSTANTIATE_TEST_SUITE_P(Postgres, StoreContract,
                         ::testing::Values(StoreFactory{"pg", make_postgres_store}),
                         store_factory_name);

// Runs fn(thread_index) on `threads` threads released at once, and waits for all of them.
template <class Fn>
void run_concurrently(int threads, Fn fn) {
  std::atomic<bool> go{false};
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t)
    workers.emplace_back([&, t] {
      while (!go.load()) std::this_thread::yield();
      fn(t);
    });
  go = true;
  for (auto& w : workers) w.join();
}

class PostgresStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!postgres_test_url()) GTEST_SKIP() << kNoServer;
    schema_.emplace();
  }

  const std::string& url() const { return schema_->url(); }

  std::int64_t query_int(const std::string& sql) {
    postgres::Connection db(url());
    auto r = db.exec(sql);
    r.next();
    return r.next_int64();
  }

 private:
  std::optional<PgTestSchema> schema_;
};

TEST_F(PostgresStoreTest, MigrationsRunOnceAcrossReopens) {
  { PostgresStore store(url()); }
  { PostgresStore store(url()); }
  const auto steps = static_cast<std::int64_t>(postgres::migrations().size());
  EXPECT_EQ(query_int("SELECT COUNT(*) FROM schema_migrations"), steps);
  EXPECT_EQ(query_int("SELECT MAX(version) FROM schema_migrations"), steps);
}

// Several nodes starting at once on an empty database: the advisory lock lets one migrate while
// the others wait, then they find nothing left to do.
TEST_F(PostgresStoreTest, NodesStartingAtOnceOnAnEmptyDatabaseAllSucceed) {
  std::atomic<int> opened{0};
  run_concurrently(6, [&](int) {
    try {
      PostgresStore store(url(), 1);
      store.put_setting_if_absent("probe", "ok");
      ++opened;
    } catch (const std::exception& e) {
      ADD_FAILURE() << e.what();
    }
  });
  EXPECT_EQ(opened.load(), 6);
  EXPECT_EQ(query_int("SELECT COUNT(*) FROM schema_migrations"),
            static_cast<std::int64_t>(postgres::migrations().size()));
}

TEST_F(PostgresStoreTest, UsesNativeColumnTypes) {
  { PostgresStore store(url()); }
  auto type_of = [&](const std::string& table, const std::string& column) {
    postgres::Connection db(url());
    auto r = db.query(
        "SELECT data_type FROM information_schema.columns"
        " WHERE table_schema = current_schema() AND table_name = ? AND column_name = ?",
        postgres::params(table, column));
    return r.next() ? r.next_text() : std::string("missing");
  };
  EXPECT_EQ(type_of("users", "totp_verified"), "boolean");
  EXPECT_EQ(type_of("users", "locked_until"), "bigint");
  EXPECT_EQ(type_of("users", "failed_attempts"), "integer");
  EXPECT_EQ(type_of("sessions", "expire_at"), "bigint");
  EXPECT_EQ(type_of("signing_keys", "active"), "boolean");
  EXPECT_EQ(type_of("users", "password_hash"), "text");
}

TEST_F(PostgresStoreTest, RefusesASchemaNewerThanThisBuild) {
  { PostgresStore store(url()); }
  {
    postgres::Connection db(url());
    db.exec("INSERT INTO schema_migrations (version, applied_at) VALUES (9999, 0)");
  }
  EXPECT_THROW(PostgresStore store(url()), std::runtime_error);
}

// Two stores on one database stand for two Tessera nodes.
TEST_F(PostgresStoreTest, TwoNodesAcceptABackupCodeAndATotpStepOnce) {
  PostgresStore first(url(), 4);
  PostgresStore second(url(), 4);
  first.create_user(sample_user("user_1"), sample_email("idn_1", "user_1", "zoe@example.com"));
  first.replace_backup_codes("user_1", {"h1", "h2"});
  const auto step = first.find_user("user_1")->totp_last_step + 1;

  std::atomic<int> codes{0}, steps{0};
  run_concurrently(8, [&](int t) {
    auth::Store& node = t % 2 == 0 ? first : second;
    for (int i = 0; i < 20; ++i)
      if (node.consume_backup_code("user_1", "h1", 1000 + i)) ++codes;
    if (node.advance_totp_step("user_1", step)) ++steps;
  });
  EXPECT_EQ(codes.load(), 1);
  EXPECT_EQ(steps.load(), 1);
  EXPECT_EQ(second.count_backup_codes("user_1"), 1);
  EXPECT_EQ(second.find_user("user_1")->totp_last_step, step);
}

TEST_F(PostgresStoreTest, TwoNodesCountEveryFailureAndLockOnce) {
  PostgresStore first(url(), 4);
  PostgresStore second(url(), 4);
  auto user = sample_user("user_1");
  user.failed_attempts = 0;
  user.locked_until = 0;
  first.create_user(user, sample_email("idn_1", "user_1", "zoe@example.com"));
  std::atomic<int> reached{0};
  run_concurrently(8, [&](int t) {
    auth::Store& node = t % 2 == 0 ? first : second;
    for (int i = 0; i < 10; ++i)
      if (node.record_failed_attempt("user_1", 1000, 50, 500) == 50) ++reached;
  });
  EXPECT_EQ(reached.load(), 1);
  const auto found = second.find_user("user_1");
  EXPECT_EQ(found->failed_attempts, 80);
  EXPECT_EQ(found->locked_until, 1500);
}

TEST_F(PostgresStoreTest, TwoNodesNeverLoseASignInUpdate) {
  PostgresStore first(url(), 4);
  PostgresStore second(url(), 4);
  first.create_sign_in(sample_sign_in("sia_1", "client_1"));
  const int start = first.find_sign_in("sia_1")->version;
  run_concurrently(6, [&](int t) {
    auth::Store& node = t % 2 == 0 ? first : second;
    for (int i = 0; i < 10; ++i)
      while (true) {
        auto si = *node.find_sign_in("sia_1");
        if (node.update_sign_in(si)) break;
      }
  });
  EXPECT_EQ(second.find_sign_in("sia_1")->version, start + 60);
}

// A transaction pins one connection: its writes are visible to the calls made inside it, and to
// nobody else until it commits.
TEST_F(PostgresStoreTest, TransactionIsInvisibleToOtherThreadsUntilItCommits) {
  PostgresStore store(url(), 2);
  store.transaction([&](auth::Store& tx) {
    tx.create_client(sample_client("client_1"));
    EXPECT_TRUE(store.find_client("client_1"));  // the store itself, same thread: same tx
    auto elsewhere = std::async(std::launch::async, [&] { return store.find_client("client_1"); });
    EXPECT_FALSE(elsewhere.get());
  });
  auto elsewhere = std::async(std::launch::async, [&] { return store.find_client("client_1"); });
  EXPECT_TRUE(elsewhere.get());
}

// PostgreSQL aborts a transaction at its first failed statement; if the body swallows that
// error, COMMIT cannot write anything, and the caller must hear so.
TEST_F(PostgresStoreTest, ATransactionWhoseErrorWasSwallowedReportsFailure) {
  PostgresStore store(url(), 2);
  const auto client = sample_client("client_1");
  store.create_client(client);
  EXPECT_THROW(store.transaction([&](auth::Store& tx) {
    tx.create_client(sample_client("client_2"));
    const auto clash = sample_client_with_token_of("client_3", client);
    // The write travels with the next statement, which reports its error.
    EXPECT_THROW(
        {
          tx.create_client(clash);
          tx.find_client("client_1");
        },
        auth::DuplicateError);
  }),
               std::runtime_error);
  EXPECT_FALSE(store.find_client("client_2"));
  store.create_client(sample_client("client_4"));  // the connection went back to the pool fine
  EXPECT_TRUE(store.find_client("client_4"));
}

// Writes inside a transaction wait to travel with the next statement (one round trip for many);
// one still queued at the end fails the COMMIT that carries it, and nothing is written.
TEST_F(PostgresStoreTest, AWriteQueuedUntilTheCommitFailsTheTransaction) {
  PostgresStore store(url(), 1);
  const auto client = sample_client("client_1");
  store.create_client(client);
  const auto clash = sample_client_with_token_of("client_3", client);
  EXPECT_THROW(store.transaction([&](auth::Store& tx) {
    tx.create_client(sample_client("client_2"));
    tx.create_client(clash);
  }),
               auth::DuplicateError);
  EXPECT_FALSE(store.find_client("client_2"));
  EXPECT_FALSE(store.find_client("client_3"));
  // The one connection is in step with the server again: queued writes, a read and a commit.
  store.transaction([&](auth::Store& tx) {
    tx.create_client(sample_client("client_4"));
    auto changed = sample_client("client_4");
    changed.sign_in_id = "sia_changed";
    tx.update_client(changed);
    EXPECT_EQ(tx.find_client("client_4")->sign_in_id, "sia_changed");  // sees its own writes
    tx.create_client(sample_client("client_5"));
  });
  EXPECT_TRUE(store.find_client("client_4"));
  EXPECT_TRUE(store.find_client("client_5"));
}

// More threads than connections, each mixing plain calls and transactions that hold their
// connection while waiting on row locks: everyone finishes.
TEST_F(PostgresStoreTest, MoreThreadsThanConnectionsDoNotDeadlock) {
  PostgresStore store(url(), 2);
  store.create_user(sample_user("user_1"), sample_email("idn_1", "user_1", "zoe@example.com"));
  store.create_sign_in(sample_sign_in("sia_1", "client_1"));
  const int start = store.find_sign_in("sia_1")->version;
  constexpr int kThreads = 12, kRounds = 10;
  auto work = std::async(std::launch::async, [&] {
    run_concurrently(kThreads, [&](int t) {
      for (int i = 0; i < kRounds; ++i) {
        // Read-modify-write in one transaction; the row lock is held from the update until
        // commit. Another thread may have written since the read (READ COMMITTED): retry.
        for (bool written = false; !written;) {
          store.transaction([&](auth::Store& tx) {
            auto si = *tx.find_sign_in("sia_1");
            if (!tx.update_sign_in(si)) return;
            tx.record_failed_attempt("user_1", i, 1'000'000, 1);
            written = true;
          });
        }
        store.put_setting_if_absent("s" + std::to_string(t), "v");
        EXPECT_TRUE(store.find_user_record("user_1"));
      }
    });
  });
  if (work.wait_for(std::chrono::seconds(120)) != std::future_status::ready) {
    std::fprintf(stderr, "deadlock: threads still waiting after 120 s\n");
    std::_Exit(1);  // the stuck threads cannot be joined
  }
  work.get();
  EXPECT_EQ(store.find_sign_in("sia_1")->version, start + kThreads * kRounds);
  EXPECT_EQ(store.find_user("user_1")->failed_attempts,
            sample_user("user_1").failed_attempts + kThreads * kRounds);
}

TEST_F(PostgresStoreTest, OpenStoreTakesPostgresUrlsWithAPoolSize) {
  auto store = open_store(url() + "&pool=3");
  EXPECT_EQ(store->put_setting_if_absent("probe", "ok"), "ok");
  auto again = open_store(url());  // default pool
  EXPECT_EQ(again->get_setting("probe"), "ok");
}

}  // namespace
}  // namespace tessera::store::test

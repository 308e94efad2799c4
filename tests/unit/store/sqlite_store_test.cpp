// SqliteStore: the shared contract (in memory and on a file) plus what only SQLite has.
#include "store/sqlite/sqlite_store.h"

#include <atomic>
#include <future>
#include <thread>
#include <vector>

#include "store/sqlite/connection.h"
#include "store/sqlite/migrations.h"
#include "unit/store/model_compare.h"
#include "unit/store/model_samples.h"
#include "unit/store/store_contract.h"
#include "unit/store/temp_dir.h"

namespace tessera::store::test {
namespace {

using sqlite::SqliteStore;

// Files of the contract run live until the test program exits.
TempDir& contract_files() {
  static TempDir dir;
  return dir;
}

INSTANTIATE_TEST_SUITE_P(
    Sqlite, StoreContract,
    ::testing::Values(StoreFactory{"memory",
                                   [] { return std::make_unique<SqliteStore>(":memory:"); }},
                      StoreFactory{"file",
                                   [] {
                                     return std::make_unique<SqliteStore>(
                                         contract_files().unique_file(".db").string());
                                   }}),
    store_factory_name);

std::int64_t query_int(sqlite::Connection& db, const std::string& sql) {
  auto q = db.prepare(sql);
  q->step();
  return q->next_int64();
}

class SqliteStoreFile : public ::testing::Test {
 protected:
  TempDir dir_;
  std::string path_ = dir_.unique_file(".db").string();
};

TEST_F(SqliteStoreFile, MigrationsRunOnceAcrossReopens) {
  { SqliteStore store(path_); }
  { SqliteStore store(path_); }
  sqlite::Connection db(path_);
  EXPECT_EQ(query_int(db, "SELECT COUNT(*) FROM schema_migrations"),
            static_cast<std::int64_t>(sqlite::migrations().size()));
  EXPECT_EQ(query_int(db, "SELECT MAX(version) FROM schema_migrations"),
            static_cast<std::int64_t>(sqlite::migrations().size()));
}

TEST_F(SqliteStoreFile, DataSurvivesReopening) {
  const auto user = sample_user("user_1");
  {
    SqliteStore store(path_);
    store.create_user(user, sample_email("idn_1", "user_1", "zoe@example.com"));
    store.replace_backup_codes("user_1", {"h1", "h2"});
    ASSERT_TRUE(store.consume_backup_code("user_1", "h1", 5));
    store.put_setting_if_absent("instance_key", "k");
  }
  SqliteStore store(path_);
  const auto record = store.find_user_by_email("zoe@example.com");
  ASSERT_TRUE(record);
  expect_same(user, record->user);
  EXPECT_EQ(record->backup_codes_remaining, 1);
  EXPECT_FALSE(store.consume_backup_code("user_1", "h1", 6));
  EXPECT_EQ(store.get_setting("instance_key"), "k");
}

TEST_F(SqliteStoreFile, UsesWriteAheadLogAndForeignKeys) {
  SqliteStore store(path_);
  sqlite::Connection db(path_);
  auto mode = db.prepare("PRAGMA journal_mode");
  ASSERT_TRUE(mode->step());
  EXPECT_EQ(mode->next_text(), "wal");
  EXPECT_EQ(query_int(db, "PRAGMA foreign_keys"), 1);
  // A phone number of a user that does not exist is refused.
  EXPECT_THROW(store.add_phone_number(sample_phone("idn_p", "user_none")), std::runtime_error);
}

TEST_F(SqliteStoreFile, RefusesASchemaNewerThanThisBuild) {
  { SqliteStore store(path_); }
  {
    sqlite::Connection db(path_);
    db.exec("INSERT INTO schema_migrations (version, applied_at) VALUES (9999, 0)");
  }
  EXPECT_THROW(SqliteStore store(path_), std::runtime_error);
}

// Two stores on one file stand for two server processes: the conditional UPDATEs must still
// accept a code and a TOTP step only once between them.
TEST_F(SqliteStoreFile, TwoConnectionsConsumeACodeOnce) {
  SqliteStore first(path_);
  SqliteStore second(path_);
  first.create_user(sample_user("user_1"), sample_email("idn_1", "user_1", "zoe@example.com"));
  first.replace_backup_codes("user_1", {"h1"});
  const auto step = first.find_user("user_1")->totp_last_step + 1;

  std::atomic<int> codes{0}, steps{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t)
    threads.emplace_back([&, t] {
      auth::Store& store = t % 2 == 0 ? static_cast<auth::Store&>(first) : second;
      for (int i = 0; i < 20; ++i)
        if (store.consume_backup_code("user_1", "h1", i)) ++codes;
      if (store.advance_totp_step("user_1", step)) ++steps;
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(codes.load(), 1);
  EXPECT_EQ(steps.load(), 1);
}

TEST_F(SqliteStoreFile, TransactionsOnTwoConnectionsSerialise) {
  SqliteStore first(path_);
  SqliteStore second(path_);
  first.create_sign_in(sample_sign_in("sia_1", "client_1"));
  const int start = first.find_sign_in("sia_1")->version;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      auth::Store& store = t % 2 == 0 ? static_cast<auth::Store&>(first) : second;
      for (int i = 0; i < 10; ++i)
        store.transaction([&](auth::Store& tx) {
          auto si = *tx.find_sign_in("sia_1");  // read and write under one write lock
          ASSERT_TRUE(tx.update_sign_in(si));
        });
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(first.find_sign_in("sia_1")->version, start + 40);
}

// Reads from other threads use connections of their own: they neither wait for an open
// transaction nor see its writes before it commits; the transaction's own reads do.
TEST_F(SqliteStoreFile, TransactionIsInvisibleToOtherThreadsUntilItCommits) {
  SqliteStore store(path_);
  store.create_client(sample_client("client_0"));
  store.transaction([&](auth::Store& tx) {
    tx.create_client(sample_client("client_1"));
    EXPECT_TRUE(store.find_client("client_1"));  // the store itself, same thread: same tx
    auto elsewhere = std::async(std::launch::async, [&] {
      return std::pair(store.find_client("client_0").has_value(),
                       store.find_client("client_1").has_value());
    });
    ASSERT_EQ(elsewhere.wait_for(std::chrono::seconds(5)), std::future_status::ready)
        << "a read waited for the transaction";
    EXPECT_EQ(elsewhere.get(), std::pair(true, false));
  });
  auto elsewhere = std::async(std::launch::async, [&] { return store.find_client("client_1"); });
  EXPECT_TRUE(elsewhere.get());
}

TEST_F(SqliteStoreFile, ReadsFromManyThreadsSeeEveryCommittedWrite) {
  SqliteStore store(path_);
  const auto user = sample_user("user_1");
  store.create_user(user, sample_email("idn_1", "user_1", "zoe@example.com"));
  std::atomic<int> mismatches{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 50; ++i) {
        const auto id = "client_" + std::to_string(t) + "_" + std::to_string(i);
        store.create_client(sample_client(id));
        if (!store.find_client(id) || !store.find_user_by_email("zoe@example.com"))
          ++mismatches;  // a read right after one's own commit must see it
      }
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(mismatches, 0);
}

TEST(SqliteStore, ReportsUnopenableFilesAsRuntimeErrors) {
  EXPECT_THROW(SqliteStore("/nonexistent-dir/for/sure/tessera.db"), std::runtime_error);
}

}  // namespace
}  // namespace tessera::store::test

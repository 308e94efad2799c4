// WalCheckpointer: the write-ahead log is copied back by a thread of its own, so commits never
// run the checkpoint (and its fsyncs) themselves, and the log stays bounded.
#include "store/sqlite/wal_checkpointer.h"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "store/sqlite/connection.h"
#include "store/sqlite/sqlite_store.h"
#include "unit/store/model_samples.h"
#include "unit/store/temp_dir.h"

namespace tessera::store::test {
namespace {

using sqlite::Connection;
using sqlite::WalCheckpointer;

constexpr int kPageBytes = 4096;

// One commit of about one page of new data.
void write_page(Connection& db, int i) {
  db.prepare("INSERT INTO t (v) VALUES (?)")->bind(std::string(kPageBytes / 2, 'a' + i % 26)).run();
}

bool eventually(const std::function<bool()>& condition) {
  for (int i = 0; i < 500; ++i) {
    if (condition()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return condition();
}

class WalCheckpointerTest : public ::testing::Test {
 protected:
  TempDir dir_;
  std::string path_ = dir_.unique_file(".db").string();
  std::uintmax_t log_bytes() const { return std::filesystem::file_size(path_ + "-wal"); }
};

TEST_F(WalCheckpointerTest, ChecksPointsEachTimeTheLogGrowsByTheThreshold) {
  Connection db(path_);
  db.exec("CREATE TABLE t (v TEXT)");
  WalCheckpointer checkpointer(path_, 50);
  int largest_log = 0;
  db.on_wal_commit([&](int pages) {
    largest_log = std::max(largest_log, pages);
    checkpointer.log_grew(pages);
  });
  for (int i = 0; i < 1000; ++i) {
    write_page(db, i);
    // Let the thread run now and then, as the pauses between a server's requests would.
    if (i % 50 == 0) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  db.on_wal_commit({});
  EXPECT_TRUE(eventually([&] { return checkpointer.checkpoints() >= 5; }))
      << checkpointer.checkpoints() << " checkpoints";
  // 1,000 commits of a page or more, yet the log started over: only a complete checkpoint lets
  // it, and with the hook set SQLite runs none of its own.
  EXPECT_LT(largest_log, 1000);
}

TEST_F(WalCheckpointerTest, BelowTheThresholdNothingRuns) {
  Connection db(path_);
  db.exec("CREATE TABLE t (v TEXT)");
  WalCheckpointer checkpointer(path_, 1000);
  db.on_wal_commit([&](int pages) { checkpointer.log_grew(pages); });
  for (int i = 0; i < 20; ++i) write_page(db, i);
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_EQ(checkpointer.checkpoints(), 0u);
  db.on_wal_commit({});
}

TEST_F(WalCheckpointerTest, CheckpointedDataReadsBackAfterReopening) {
  {
    Connection db(path_);
    db.exec("CREATE TABLE t (v TEXT)");
    WalCheckpointer checkpointer(path_, 10);
    db.on_wal_commit([&](int pages) { checkpointer.log_grew(pages); });
    for (int i = 0; i < 300; ++i) write_page(db, i);
    EXPECT_TRUE(eventually([&] { return checkpointer.checkpoints() > 0; }));
    db.on_wal_commit({});
  }
  Connection db(path_);
  auto q = db.prepare("SELECT COUNT(*) FROM t");
  q->step();
  EXPECT_EQ(q->next_int64(), 300);
}

TEST_F(WalCheckpointerTest, TheStoreKeepsItsLogBounded) {
  sqlite::SqliteStore store(path_);
  const auto user = sample_user("user_1");
  store.create_user(user, sample_email("idn_1", "user_1", "a@example.com"));
  // Each new client is a commit of a few frames: 6,000 of them make a log of well over 12,000
  // frames unless it starts over, which the store lets it do at 10,000.
  for (int i = 0; i < 6000; ++i) store.create_client(sample_client("client_" + std::to_string(i)));
  // The file keeps its high-water mark.
  EXPECT_LT(log_bytes(), 11000u * (kPageBytes + 24));
  EXPECT_GT(log_bytes(), 1000u * (kPageBytes + 24)) << "not this many commits, then?";
}

}  // namespace
}  // namespace tessera::store::test

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
  const auto empty_file = std::filesystem::file_size(path_);
  WalCheckpointer checkpointer(path_, 50);
  db.on_wal_commit([&](int pages) { checkpointer.log_grew(pages); });
  for (int i = 0; i < 1000; ++i) {
    write_page(db, i);
    if (i % 50 == 0) std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  db.on_wal_commit({});
  // With the hook set SQLite checkpoints nothing itself; the thread copied the log into the file.
  EXPECT_TRUE(eventually([&] { return checkpointer.checkpoints() >= 5; }))
      << checkpointer.checkpoints() << " checkpoints";
  EXPECT_GT(std::filesystem::file_size(path_), empty_file + 100u * kPageBytes);
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
  // Each new client is a commit of two frames or more: 15,000 of them make a log of over 30,000
  // frames unless it starts over, which the store lets it do from 10,000 on (a little later when
  // its checkpoint finds the background one running).
  for (int i = 0; i < 15000; ++i) store.create_client(sample_client("client_" + std::to_string(i)));
  // The file keeps its high-water mark.
  EXPECT_LT(log_bytes(), 20000u * (kPageBytes + 24));
  EXPECT_GT(log_bytes(), 1000u * (kPageBytes + 24)) << "not this many commits, then?";
}

}  // namespace
}  // namespace tessera::store::test

#pragma once
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

namespace tessera::store::sqlite {

class Connection;

// Copies the write-ahead log back into the database file on a thread of its own, with its own
// connection. SQLite's automatic checkpoint runs inside the commit that crosses its threshold:
// the copy plus two fsyncs (~4 ms each on a virtual disk) while SqliteStore's lock is held, so
// every request needing the store stalled behind it, several times a second under load. A
// PASSIVE checkpoint here blocks no reader or writer; it cannot restart the log while commits
// keep coming, so the committing thread still finishes the job now and then (see SqliteStore),
// with most of the copying already done.
class WalCheckpointer {
 public:
  // Checkpoints each time the log has grown by `pages` frames.
  WalCheckpointer(const std::string& path, int pages);
  ~WalCheckpointer();
  WalCheckpointer(const WalCheckpointer&) = delete;
  WalCheckpointer& operator=(const WalCheckpointer&) = delete;

  // Called after each commit, by one writer at a time, with the log's size in frames; cheap
  // unless a checkpoint is due.
  void log_grew(int pages);
  // Checkpoints on the writer's own connection, after waiting for a background checkpoint that
  // is running: SQLite refuses a second one at the same time, and under steady commits the
  // background thread is nearly always running, so a checkpoint that merely tried could be
  // refused every time while the log grew without bound. No commit can overtake this one, so
  // the log starts over at the next commit.
  void checkpoint_all(Connection& writer);
  // Checkpoints run so far.
  std::uint64_t checkpoints() const { return done_.load(); }

 private:
  void run(const std::string& path);

  const int pages_;
  int next_due_;       // log size that asks for the next checkpoint
  int last_size_ = 0;  // a smaller size means the log restarted
  std::mutex mutex_;
  std::condition_variable wake_;
  std::mutex checkpointing_;  // held while a checkpoint runs
  bool due_ = false;
  bool stopping_ = false;
  std::atomic<std::uint64_t> done_{0};
  std::thread thread_;
};

}  // namespace tessera::store::sqlite

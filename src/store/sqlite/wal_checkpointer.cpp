#include "store/sqlite/wal_checkpointer.h"

#include <cstdio>
#include <exception>

#include "store/sqlite/connection.h"

namespace tessera::store::sqlite {

WalCheckpointer::WalCheckpointer(const std::string& path, int pages)
    : pages_(pages), next_due_(pages) {
  thread_ = std::thread([this, path] { run(path); });
}

WalCheckpointer::~WalCheckpointer() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  thread_.join();
}

void WalCheckpointer::log_grew(int pages) {
  if (pages < last_size_) next_due_ = pages_;
  last_size_ = pages;
  if (pages < next_due_) return;
  next_due_ = pages + pages_;
  {
    std::lock_guard lock(mutex_);
    due_ = true;
  }
  wake_.notify_one();
}

void WalCheckpointer::checkpoint_all(Connection& writer) {
  std::lock_guard running(checkpointing_);
  writer.checkpoint_passive();
}

void WalCheckpointer::run(const std::string& path) {
  try {
    Connection connection(path);
    std::unique_lock lock(mutex_);
    for (;;) {
      wake_.wait(lock, [this] { return due_ || stopping_; });
      if (stopping_) return;
      due_ = false;
      lock.unlock();
      {
        std::lock_guard running(checkpointing_);
        connection.checkpoint_passive();
      }
      ++done_;
      lock.lock();
    }
  } catch (const std::exception& e) {
    // The committing thread's own checkpoint still bounds the log; say why this one stopped.
    std::fprintf(stderr, "tessera: sqlite checkpointer stopped: %s\n", e.what());
  }
}

}  // namespace tessera::store::sqlite

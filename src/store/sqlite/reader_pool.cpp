#include "store/sqlite/reader_pool.h"

namespace tessera::store::sqlite {
namespace {

// A reader keeps a smaller page cache than SQLite's 2 MiB default: the OS caches the file too,
// and there is one reader per concurrently reading thread.
constexpr auto kReaderSetup = "PRAGMA query_only = 1; PRAGMA cache_size = -1024";

}  // namespace

ReaderPool::Lease::Lease(ReaderPool* pool, std::unique_ptr<Connection> reader)
    : pool_(pool), reader_(std::move(reader)), connection_(reader_.get()) {}

ReaderPool::Lease::Lease(Connection& shared, std::unique_lock<std::recursive_mutex> lock)
    : lock_(std::move(lock)), connection_(&shared) {}

ReaderPool::Lease::~Lease() {
  if (pool_ != nullptr && reader_) pool_->give_back(std::move(reader_));
}

ReaderPool::Lease ReaderPool::lend() {
  {
    std::lock_guard lock(mutex_);
    if (!idle_.empty()) {
      auto reader = std::move(idle_.back());
      idle_.pop_back();
      return Lease(this, std::move(reader));
    }
  }
  auto reader = std::make_unique<Connection>(path_);
  reader->exec(kReaderSetup);
  return Lease(this, std::move(reader));
}

void ReaderPool::give_back(std::unique_ptr<Connection> reader) {
  std::lock_guard lock(mutex_);
  idle_.push_back(std::move(reader));
}

}  // namespace tessera::store::sqlite

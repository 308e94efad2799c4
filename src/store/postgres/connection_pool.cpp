#include "store/postgres/connection_pool.h"

#include <stdexcept>

namespace tessera::store::postgres {

ConnectionPool::ConnectionPool(std::string conninfo, int size, std::chrono::milliseconds wait)
    : conninfo_(std::move(conninfo)), size_(size), wait_(wait) {
  if (size_ < 1) throw std::invalid_argument("postgres: the pool needs at least one connection");
  idle_.reserve(static_cast<std::size_t>(size_));  // release() must not allocate
}

ConnectionPool::Lease::~Lease() {
  if (connection_) pool_->release(std::move(connection_));
}

ConnectionPool::Lease ConnectionPool::acquire() {
  std::unique_lock lock(mutex_);
  if (!returned_.wait_for(lock, wait_, [&] { return !idle_.empty() || open_ < size_; }))
    throw std::runtime_error("postgres: no free connection in the pool (all " +
                             std::to_string(size_) + " busy)");
  if (!idle_.empty()) {
    auto connection = std::move(idle_.back());
    idle_.pop_back();
    return Lease(this, std::move(connection));
  }
  ++open_;  // reserve the slot, then connect without holding the lock
  lock.unlock();
  try {
    return Lease(this, std::make_unique<Connection>(conninfo_));
  } catch (...) {
    lock.lock();
    --open_;
    returned_.notify_one();
    throw;
  }
}

void ConnectionPool::release(std::unique_ptr<Connection> connection) noexcept {
  connection->rollback_quietly();
  const bool reusable = connection->idle();
  if (!reusable) connection.reset();  // close outside the lock
  {
    std::lock_guard lock(mutex_);
    if (reusable)
      idle_.push_back(std::move(connection));
    else
      --open_;
  }
  returned_.notify_one();
}

}  // namespace tessera::store::postgres

#pragma once
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "store/postgres/connection.h"

namespace tessera::store::postgres {

// Up to `size` connections, opened on demand and reused. A thread that finds them all lent out
// waits for one to come back (at most `wait`, then std::runtime_error), so more threads than
// connections queue instead of failing — as long as no thread borrows a second connection while
// holding one, which PostgresStore never does.
class ConnectionPool {
 public:
  ConnectionPool(std::string conninfo, int size,
                 std::chrono::milliseconds wait = std::chrono::seconds(30));
  ConnectionPool(const ConnectionPool&) = delete;
  ConnectionPool& operator=(const ConnectionPool&) = delete;

  // A borrowed connection; returned when the lease ends. A connection that comes back broken,
  // or inside a transaction that cannot be rolled back, is closed instead of reused.
  class Lease {
   public:
    Lease(ConnectionPool* pool, std::unique_ptr<Connection> connection)
        : pool_(pool), connection_(std::move(connection)) {}
    Lease(Lease&&) noexcept = default;
    Lease& operator=(Lease&&) = delete;
    ~Lease();
    Connection& operator*() const { return *connection_; }
    Connection* operator->() const { return connection_.get(); }

   private:
    ConnectionPool* pool_;
    std::unique_ptr<Connection> connection_;
  };

  Lease acquire();
  int size() const { return size_; }

 private:
  void release(std::unique_ptr<Connection> connection) noexcept;

  const std::string conninfo_;
  const int size_;
  const std::chrono::milliseconds wait_;
  std::mutex mutex_;
  std::condition_variable returned_;
  std::vector<std::unique_ptr<Connection>> idle_;
  int open_ = 0;  // idle + lent out + being opened
};

}  // namespace tessera::store::postgres

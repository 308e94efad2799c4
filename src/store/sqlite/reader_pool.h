#pragma once
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "store/sqlite/connection.h"

namespace tessera::store::sqlite {

// Read-only connections to one database file, lent to one thread at a time and kept for reuse:
// as many as threads have read at once.
class ReaderPool {
 public:
  explicit ReaderPool(std::string path) : path_(std::move(path)) {}

  // A connection for one call, or the writer's (with its lock held) when `shared` is set.
  class Lease {
   public:
    Lease(ReaderPool* pool, std::unique_ptr<Connection> reader);
    Lease(Connection& shared, std::unique_lock<std::recursive_mutex> lock);
    Lease(Lease&&) noexcept = default;
    Lease& operator=(Lease&&) = delete;
    ~Lease();
    Connection* operator->() const { return connection_; }
    Connection& operator*() const { return *connection_; }

   private:
    ReaderPool* pool_ = nullptr;
    std::unique_ptr<Connection> reader_;
    std::unique_lock<std::recursive_mutex> lock_;
    Connection* connection_;
  };
  Lease lend();

 private:
  void give_back(std::unique_ptr<Connection> reader);

  const std::string path_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<Connection>> idle_;
};

}  // namespace tessera::store::sqlite

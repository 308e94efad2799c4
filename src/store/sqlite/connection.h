#pragma once
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>

#include "store/sqlite/statement.h"

struct sqlite3;

namespace tessera::store::sqlite {

// One sqlite3 connection with a cache of prepared statements and nested transactions.
// Not thread-safe on its own: SqliteStore serialises access with its mutex.
class Connection {
 public:
  // Opens (creating if needed) the database file, or an in-memory one for ":memory:", and sets
  // WAL, foreign keys, a busy timeout and synchronous=NORMAL.
  explicit Connection(const std::string& path);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // A prepared statement borrowed from the cache; reset when the lease ends, so no statement
  // stays active (and keeps a read snapshot open) after the call that used it.
  class Lease {
   public:
    Lease(Statement* cached, std::unique_ptr<Statement> owned, bool* in_use);
    Lease(Lease&& other) noexcept;
    Lease& operator=(Lease&&) = delete;
    ~Lease();
    Statement* operator->() const { return statement_; }
    Statement& operator*() const { return *statement_; }

   private:
    Statement* statement_;
    std::unique_ptr<Statement> owned_;  // set when the cached copy was already in use
    bool* in_use_;
  };
  Lease prepare(const std::string& sql);

  // Runs one or more statements that return nothing worth reading.
  void exec(const std::string& sql);
  // One statement, prepared once and kept (transaction control runs several times a request).
  void run(const std::string& sql);
  // Rows changed by the last INSERT/UPDATE/DELETE.
  int changes() const;

  // Runs fn atomically: BEGIN IMMEDIATE … COMMIT at the outermost level (the write lock is
  // taken up front, so a transaction never fails half-way on a lock upgrade), a SAVEPOINT when
  // nested, so a failed inner unit never leaves half of its writes behind. Any exception rolls
  // the level back and is rethrown.
  void transaction(const std::function<void()>& fn);
  // Runs fn on one snapshot of the database (BEGIN … COMMIT, no write lock taken); inside a
  // transaction, just runs fn.
  void read_snapshot(const std::function<void()>& fn);

  // Called after each commit in WAL mode with the log's size in frames. Replaces SQLite's own
  // automatic checkpoint; an empty function turns both off.
  void on_wal_commit(std::function<void(int pages)> hook);
  // Copies what it can of the log into the database without waiting for readers or writers.
  void checkpoint_passive();

 private:
  struct CachedStatement {
    std::unique_ptr<Statement> statement;
    bool in_use = false;
  };

  sqlite3* db_ = nullptr;
  std::unordered_map<std::string, CachedStatement> cache_;
  int depth_ = 0;
  std::function<void(int)> wal_hook_;
};

}  // namespace tessera::store::sqlite

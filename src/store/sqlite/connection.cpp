#include "store/sqlite/connection.h"

#include <sqlite3.h>

#include <stdexcept>
#include <utility>

#include "store/sqlite/sqlite_error.h"

namespace tessera::store::sqlite {
namespace {

constexpr int kBusyTimeoutMs = 5000;

}  // namespace

Connection::Connection(const std::string& path) {
  const int rc =
      sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  if (rc != SQLITE_OK) {
    const std::string message =
        std::string("sqlite: open: ") + (db_ != nullptr ? sqlite3_errmsg(db_) : sqlite3_errstr(rc));
    sqlite3_close_v2(db_);
    throw std::runtime_error(message);
  }
  try {
    // Extended codes tell a unique violation (DuplicateError) from other constraint failures.
    sqlite3_extended_result_codes(db_, 1);
    check(db_, sqlite3_busy_timeout(db_, kBusyTimeoutMs), "busy_timeout");
    exec("PRAGMA journal_mode = WAL");  // in-memory databases keep "memory"; that is fine
    exec("PRAGMA synchronous = NORMAL");
    exec("PRAGMA foreign_keys = ON");
  } catch (...) {
    sqlite3_close_v2(db_);
    throw;
  }
}

Connection::~Connection() {
  cache_.clear();  // statements must be finalized before the connection closes
  sqlite3_close_v2(db_);
}

Connection::Lease::Lease(Statement* cached, std::unique_ptr<Statement> owned, bool* in_use)
    : statement_(owned ? owned.get() : cached), owned_(std::move(owned)), in_use_(in_use) {}

Connection::Lease::Lease(Lease&& other) noexcept
    : statement_(std::exchange(other.statement_, nullptr)),
      owned_(std::move(other.owned_)),
      in_use_(std::exchange(other.in_use_, nullptr)) {}

Connection::Lease::~Lease() {
  if (statement_ != nullptr) statement_->reset();
  if (in_use_ != nullptr) *in_use_ = false;
}

Connection::Lease Connection::prepare(const std::string& sql) {
  auto& entry = cache_[sql];
  if (!entry.statement) entry.statement = std::make_unique<Statement>(db_, sql);
  if (entry.in_use) return Lease(nullptr, std::make_unique<Statement>(db_, sql), nullptr);
  entry.in_use = true;
  return Lease(entry.statement.get(), nullptr, &entry.in_use);
}

void Connection::exec(const std::string& sql) {
  char* error = nullptr;
  const int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error);
  sqlite3_free(error);  // sqlite3_errmsg(db_) still holds the same message
  check(db_, rc, "exec");
}

void Connection::run(const std::string& sql) { prepare(sql)->run(); }

int Connection::changes() const { return sqlite3_changes(db_); }

void Connection::transaction(const std::function<void()>& fn) {
  const std::string savepoint = "tessera_" + std::to_string(depth_);
  const bool outermost = depth_ == 0;
  run(outermost ? "BEGIN IMMEDIATE" : "SAVEPOINT " + savepoint);
  ++depth_;
  try {
    fn();
    run(outermost ? "COMMIT" : "RELEASE " + savepoint);
    --depth_;
  } catch (...) {
    --depth_;
    // Best effort: sqlite may already have rolled back on its own (e.g. SQLITE_FULL).
    char* ignored = nullptr;
    const std::string undo =
        outermost ? "ROLLBACK" : "ROLLBACK TO " + savepoint + "; RELEASE " + savepoint;
    sqlite3_exec(db_, undo.c_str(), nullptr, nullptr, &ignored);
    sqlite3_free(ignored);
    throw;
  }
}

void Connection::read_snapshot(const std::function<void()>& fn) {
  if (depth_ > 0) return fn();
  run("BEGIN");
  ++depth_;
  try {
    fn();
    --depth_;
    run("COMMIT");
  } catch (...) {
    --depth_;
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
}

void Connection::on_wal_commit(std::function<void(int pages)> hook) {
  wal_hook_ = std::move(hook);
  if (!wal_hook_) {
    sqlite3_wal_hook(db_, nullptr, nullptr);
    return;
  }
  sqlite3_wal_hook(
      db_,
      [](void* self, sqlite3*, const char*, int pages) {
        // The commit is durable already; an error here must not make it look failed.
        try {
          static_cast<Connection*>(self)->wal_hook_(pages);
        } catch (...) {
        }
        return SQLITE_OK;
      },
      this);
}

void Connection::checkpoint_passive() {
  int log_frames = 0;
  int copied_frames = 0;
  const int rc = sqlite3_wal_checkpoint_v2(db_, nullptr, SQLITE_CHECKPOINT_PASSIVE, &log_frames,
                                           &copied_frames);
  if (rc != SQLITE_BUSY) check(db_, rc, "wal_checkpoint");  // busy: another one is running
}

}  // namespace tessera::store::sqlite

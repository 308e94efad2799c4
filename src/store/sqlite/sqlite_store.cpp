#include "store/sqlite/sqlite_store.h"

#include "store/housekeeping_sql.h"
#include "store/sqlite/migrations.h"

namespace tessera::store::sqlite {

namespace {

// The background thread copies every 1,000 new frames (SQLite's own threshold). Only a
// checkpoint that no commit overtakes lets the log start over, so at 10,000 frames (~40 MB) the
// committing thread runs one itself, waiting for a background one to end first: by then little is
// left to copy, and this happens ten times less often than SQLite's automatic checkpoint.
constexpr int kCheckpointPages = 1000;
constexpr int kRestartPages = 10 * kCheckpointPages;

}  // namespace

SqliteStore::SqliteStore(const std::string& path)
    : in_memory_(path == ":memory:"), db_(path), readers_(path) {
  migrate(db_);
  if (in_memory_) return;
  checkpointer_ = std::make_unique<WalCheckpointer>(path, kCheckpointPages);
  db_.on_wal_commit([this](int pages) {
    checkpointer_->log_grew(pages);
    if (pages >= kRestartPages) checkpointer_->checkpoint_all(db_);
  });
}

SqliteStore::~SqliteStore() { db_.on_wal_commit({}); }

void SqliteStore::transaction(const std::function<void(Store&)>& fn) {
  // The lock is recursive: the store methods fn calls take it again on this thread, while
  // other threads wait until the transaction has committed or rolled back.
  Lock lock(mutex_);
  const auto self = std::this_thread::get_id();
  if (transaction_thread_.load() == self) return db_.transaction([&] { fn(*this); });
  // Until it ends, this thread's reads see its uncommitted writes: they use the writer too.
  transaction_thread_ = self;
  try {
    db_.transaction([&] { fn(*this); });
  } catch (...) {
    transaction_thread_ = std::thread::id();
    throw;
  }
  transaction_thread_ = std::thread::id();
}

ReaderPool::Lease SqliteStore::read() {
  if (in_memory_ || transaction_thread_.load() == std::this_thread::get_id())
    return ReaderPool::Lease(db_, std::unique_lock(mutex_));
  return readers_.lend();
}

// --- housekeeping

int SqliteStore::purge_expired(auth::Expired kind, std::int64_t before, int limit) {
  Lock lock(mutex_);
  db_.prepare(purge_sql(kind))->bind(before).bind(limit).run();
  return db_.changes();
}

// --- settings

std::optional<std::string> SqliteStore::get_setting(const std::string& name) {
  auto db = read();
  auto q = db->prepare("SELECT value FROM settings WHERE name = ?");
  q->bind(name);
  if (!q->step()) return std::nullopt;
  return q->next_text();
}

std::string SqliteStore::put_setting_if_absent(const std::string& name, const std::string& value) {
  Lock lock(mutex_);
  std::string stored;
  db_.transaction([&] {
    db_.prepare("INSERT OR IGNORE INTO settings (name, value) VALUES (?, ?)")
        ->bind(name)
        .bind(value)
        .run();
    auto q = db_.prepare("SELECT value FROM settings WHERE name = ?");
    q->bind(name).step();
    stored = q->next_text();
  });
  return stored;
}

}  // namespace tessera::store::sqlite

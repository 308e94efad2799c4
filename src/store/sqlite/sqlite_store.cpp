#include "store/sqlite/sqlite_store.h"

#include "store/sqlite/migrations.h"

namespace tessera::store::sqlite {

SqliteStore::SqliteStore(const std::string& path) : db_(path) { migrate(db_); }

void SqliteStore::transaction(const std::function<void(Store&)>& fn) {
  // The lock is recursive: the store methods fn calls take it again on this thread, while
  // other threads wait until the transaction has committed or rolled back.
  Lock lock(mutex_);
  db_.transaction([&] { fn(*this); });
}

// --- settings

std::optional<std::string> SqliteStore::get_setting(const std::string& name) {
  Lock lock(mutex_);
  auto q = db_.prepare("SELECT value FROM settings WHERE name = ?");
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

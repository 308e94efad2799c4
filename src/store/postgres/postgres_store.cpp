#include "store/postgres/postgres_store.h"

#include <algorithm>
#include <stdexcept>

#include "store/housekeeping_sql.h"
#include "store/postgres/change_feed.h"
#include "store/postgres/migrations.h"

namespace tessera::store::postgres {
namespace {

// A transaction this thread has open: which store, on which connection, how deeply nested.
// Kept per thread as a stack, so one thread may have transactions open on several stores.
struct Pin {
  Pin(const PostgresStore* s, Connection* c) : store(s), connection(c) {}
  const PostgresStore* store;
  Connection* connection;
  int depth = 0;
  Pin* outer = nullptr;
  bool implicit = false;             // one announced write's pipeline, no BEGIN (announcing)
  std::vector<std::string> changes;  // keys to announce with the COMMIT
  std::vector<std::string> created;  // keys of rows the transaction created
};

thread_local Pin* pins = nullptr;

Pin* find_pin(const PostgresStore* store) {
  for (Pin* pin = pins; pin != nullptr; pin = pin->outer)
    if (pin->store == store) return pin;
  return nullptr;
}

// Pushes a pin for the calling thread; pops it when it goes.
class Pinning {
 public:
  explicit Pinning(Pin& pin) : pin_(pin) {
    pin_.outer = pins;
    pins = &pin_;
  }
  ~Pinning() { pins = pin_.outer; }
  Pinning(const Pinning&) = delete;
  Pinning& operator=(const Pinning&) = delete;

 private:
  Pin& pin_;
};

const std::string& notify_sql() {
  static const std::string sql = "SELECT pg_notify(?, ?)";
  return sql;
}

// The keys to announce: the changes, less those of rows created in the same transaction.
std::vector<std::string> to_announce(const Pin& pin) {
  std::vector<std::string> keys;
  for (const auto& key : pin.changes)
    if (std::find(pin.created.begin(), pin.created.end(), key) == pin.created.end() &&
        std::find(keys.begin(), keys.end(), key) == keys.end())
      keys.push_back(key);
  return keys;
}

}  // namespace

PostgresStore::PostgresStore(const std::string& conninfo, int pool_size, int client_cache)
    : pool_(conninfo, pool_size) {
  {
    auto lease = pool_.acquire();
    migrate(*lease);
    auto r = lease->query("SELECT current_schema()");
    r.next();
    channel_ = change_channel(r.next_text());
  }
  if (client_cache > 0) {
    ClientViewCache::Options options;
    options.capacity = static_cast<std::size_t>(client_cache);
    cache_ = std::make_unique<ClientViewCache>(options);
    listener_ = std::make_unique<ChangeListener>(conninfo, channel_, *cache_);
  }
}

PostgresStore::~PostgresStore() = default;

void PostgresStore::announcing(std::initializer_list<std::string> keys,
                               const std::function<void()>& fn) {
  if (Pin* pin = find_pin(this)) {
    // An announced write inside another would have its keys noted where nobody announces them.
    if (pin->implicit) throw std::logic_error("postgres: an announced write inside another");
    for (const auto& key : keys) note_change(key);
    fn();
    return;
  }
  const std::vector<std::string> announced(keys);
  retrying([&] {
    auto lease = pool_.acquire();
    lease->defer(notify_sql(), params(channel_, change_payload(announced)));
    Pin pin{this, &*lease};
    pin.implicit = true;
    Pinning pinning(pin);
    try {
      fn();
      lease->flush();  // when fn only queued its writes
    } catch (...) {
      lease->forget_deferred();
      throw;
    }
  });
  changed_here(announced);
}

void PostgresStore::note_change(std::string key) {
  Pin* pin = find_pin(this);
  if (pin == nullptr) throw std::logic_error("postgres: a change noted outside a transaction");
  pin->changes.push_back(std::move(key));
}

void PostgresStore::note_created(std::string key) {
  if (Pin* pin = find_pin(this)) pin->created.push_back(std::move(key));
}

void PostgresStore::changed_here(const std::vector<std::string>& keys) {
  if (cache_ && !keys.empty()) cache_->changed(keys);
}

Connection* PostgresStore::pinned() const {
  const Pin* pin = find_pin(this);
  return pin != nullptr ? pin->connection : nullptr;
}

void PostgresStore::transaction(const std::function<void(Store&)>& fn) {
  in_transaction([&] { fn(*this); });
}

void PostgresStore::in_transaction(const std::function<void()>& body, const char* begin) {
  if (Pin* pin = find_pin(this)) {
    if (pin->implicit) throw std::logic_error("postgres: a transaction inside an announced write");
    const std::string savepoint = "tessera_" + std::to_string(pin->depth);
    pin->connection->exec("SAVEPOINT " + savepoint);
    ++pin->depth;
    try {
      body();
      pin->connection->flush();  // the level's queued writes fail it, not the level outside
    } catch (...) {
      --pin->depth;
      pin->connection->forget_deferred();
      try {
        pin->connection->exec("ROLLBACK TO SAVEPOINT " + savepoint + "; RELEASE SAVEPOINT " +
                              savepoint);
      } catch (...) {  // the connection is gone; the outer level fails on its own
      }
      throw;
    }
    --pin->depth;
    pin->connection->exec("RELEASE SAVEPOINT " + savepoint);
    return;
  }

  auto lease = pool_.acquire();
  Pin pin{this, &*lease};
  Pinning pinning(pin);

  lease->defer(begin);  // travels with the transaction's first statement
  std::string outcome;
  std::vector<std::string> announced;
  try {
    body();
    announced = to_announce(pin);
    if (!announced.empty()) lease->defer(notify_sql(), params(channel_, change_payload(announced)));
    outcome = lease->commit();  // throws the error of a write still queued until now
  } catch (...) {
    lease->rollback_quietly();
    throw;
  }
  // COMMIT of a transaction a failed statement aborted (its exception swallowed by the body)
  // succeeds as "ROLLBACK": nothing was written, so the caller must hear about it.
  if (outcome != "COMMIT")
    throw std::runtime_error("postgres: the transaction had failed and was rolled back");
  changed_here(announced);
}

// --- housekeeping

int PostgresStore::purge_expired(auth::Expired kind, std::int64_t before, int limit) {
  // Clients and sessions leave client views: the few purged rows are not worth naming.
  const bool in_views = kind == auth::Expired::kSessions || kind == auth::Expired::kClients;
  return retrying([&] {
    int purged = 0;
    in_transaction([&] {
      purged = with_connection([&](Connection& c) {
        return static_cast<int>(c.query(purge_sql(kind), params(before, limit)).affected());
      });
      if (purged > 0 && in_views) note_change(ClientViewCache::kEverything);
    });
    return purged;
  });
}

// --- settings

std::optional<std::string> PostgresStore::get_setting(const std::string& name) {
  return with_connection([&](Connection& c) -> std::optional<std::string> {
    auto r = c.query("SELECT value FROM settings WHERE name = ?", params(name));
    if (!r.next()) return std::nullopt;
    return r.next_text();
  });
}

std::string PostgresStore::put_setting_if_absent(const std::string& name,
                                                 const std::string& value) {
  return retrying([&] {
    return with_connection([&](Connection& c) {
      c.query("INSERT INTO settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING",
              params(name, value));
      // A separate statement: its snapshot sees a value another node committed meanwhile.
      auto r = c.query("SELECT value FROM settings WHERE name = ?", params(name));
      r.next();
      return r.next_text();
    });
  });
}

void PostgresStore::write(const std::string& sql, const Params& p) {
  if (Connection* connection = pinned()) {
    connection->defer(sql, p);
    return;
  }
  pool_.acquire()->query(sql, p);
}

bool PostgresStore::changes_one_row(const std::string& sql, const Params& p) {
  return retrying([&] {
    return with_connection([&](Connection& c) { return c.query(sql, p).affected() == 1; });
  });
}

}  // namespace tessera::store::postgres

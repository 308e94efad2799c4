#include "store/postgres/postgres_store.h"

#include "store/housekeeping_sql.h"
#include "store/postgres/migrations.h"

namespace tessera::store::postgres {
namespace {

// A transaction this thread has open: which store, on which connection, how deeply nested.
// Kept per thread as a stack, so one thread may have transactions open on several stores.
struct Pin {
  const PostgresStore* store;
  Connection* connection;
  int depth;
  Pin* outer;
};

thread_local Pin* pins = nullptr;

Pin* find_pin(const PostgresStore* store) {
  for (Pin* pin = pins; pin != nullptr; pin = pin->outer)
    if (pin->store == store) return pin;
  return nullptr;
}

}  // namespace

PostgresStore::PostgresStore(const std::string& conninfo, int pool_size)
    : pool_(conninfo, pool_size) {
  auto lease = pool_.acquire();
  migrate(*lease);
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
  Pin pin{this, &*lease, 0, pins};
  pins = &pin;
  struct Unpin {
    Pin* outer;
    ~Unpin() { pins = outer; }
  } unpin{pin.outer};

  lease->defer(begin);  // travels with the transaction's first statement
  std::string outcome;
  try {
    body();
    outcome = lease->commit();  // throws the error of a write still queued until now
  } catch (...) {
    lease->rollback_quietly();
    throw;
  }
  // COMMIT of a transaction a failed statement aborted (its exception swallowed by the body)
  // succeeds as "ROLLBACK": nothing was written, so the caller must hear about it.
  if (outcome != "COMMIT")
    throw std::runtime_error("postgres: the transaction had failed and was rolled back");
}

// --- housekeeping

int PostgresStore::purge_expired(auth::Expired kind, std::int64_t before, int limit) {
  return retrying([&] {
    return with_connection([&](Connection& c) {
      return static_cast<int>(c.query(purge_sql(kind), params(before, limit)).affected());
    });
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

#pragma once
#include <string>
#include <unordered_map>

#include "store/postgres/params.h"
#include "store/postgres/result.h"

struct pg_conn;

namespace tessera::store::postgres {

// One libpq connection with its own prepared statements. Not thread-safe: a connection serves
// one thread at a time (ConnectionPool hands it out).
class Connection {
 public:
  // `conninfo`: a postgres:// URL or "key=value" string, passed to libpq as is.
  explicit Connection(const std::string& conninfo);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Runs one or more statements without parameters (simple protocol); the last one's result.
  Result exec(const std::string& sql);
  // Runs one statement, prepared on first use on this connection. `?` are the parameters.
  Result query(const std::string& sql, const Params& params = {});

  // Connected and outside any transaction: fit to go back into the pool.
  bool idle() const;
  // Ends a transaction left open or failed, ignoring errors; then idle() tells if that worked.
  void rollback_quietly() noexcept;

 private:
  Result checked(pg_result* result, const std::string& sql);

  pg_conn* conn_ = nullptr;
  std::unordered_map<std::string, std::string> prepared_;  // SQL text -> statement name
};

}  // namespace tessera::store::postgres

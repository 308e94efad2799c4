#pragma once
#include <functional>
#include <string>
#include <unordered_map>
#include <vector>

#include "store/postgres/params.h"
#include "store/postgres/result.h"

struct pg_conn;

namespace tessera::store::postgres {

// One libpq connection with its own prepared statements. Not thread-safe: a connection serves
// one thread at a time (ConnectionPool hands it out).
class Connection {
 public:
  // `conninfo`: a postgres:// URL or "key=value" string, passed to libpq as is.
  // `connect_timeout_seconds` > 0: libpq's connect_timeout unless conninfo sets one.
  explicit Connection(const std::string& conninfo, int connect_timeout_seconds = 0);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Runs one or more statements without parameters (simple protocol); the last one's result.
  Result exec(const std::string& sql);
  // Runs one statement, prepared on first use on this connection. `?` are the parameters.
  Result query(const std::string& sql, const Params& params = {});

  // Queues a statement whose result nobody reads (`params` empty: `sql` is sent as text, e.g.
  // BEGIN). It goes to the server with the next query(), exec() or commit() on this connection,
  // all in one round trip (libpq's pipeline mode). Meant for writes inside a transaction: an error
  // of a queued statement is thrown by that later call, and fails the transaction.
  void defer(const std::string& sql, const Params& params = {});
  // Queues a statement whose result `on_result` reads when the pipeline it travels in has
  // succeeded (an answer the caller can wait for, e.g. until its transaction commits).
  using ResultHandler = std::function<void(Result&)>;
  void defer(const std::string& sql, const Params& params, ResultHandler on_result);
  // Sends the queued statements now (one round trip); throws the first one's error.
  void flush();
  // Drops the queued statements unsent (the transaction level they belong to is rolled back).
  void forget_deferred() noexcept { deferred_.clear(); }
  // COMMIT, sent with the queued statements; its command tag: "COMMIT", or "ROLLBACK" when a
  // statement of the transaction had failed.
  std::string commit();

  // --- for a connection that listens (LISTEN/NOTIFY) instead of querying
  struct Notification {
    std::string payload;
    int backend_pid = 0;  // of the session that sent it
  };
  int socket() const;
  int backend_pid() const;
  // Sends `sql` (simple protocol) without waiting; receive() reads its results as they come.
  void send_text(const std::string& sql);
  // Reads what the server has sent so far, without blocking: the results of send_text() (an
  // error is thrown) and the notifications, in the order they were sent. Throws when the
  // connection is broken.
  std::vector<Notification> receive();

  // Connected and outside any transaction: fit to go back into the pool.
  bool idle() const;
  // Ends a transaction left open or failed, ignoring errors; then idle() tells if that worked.
  void rollback_quietly() noexcept;

 private:
  struct Deferred {
    std::string name;  // prepared statement; empty: `sql` goes as text without parameters
    std::string sql;
    Params params;
    ResultHandler on_result;  // may be empty
  };

  Result checked(pg_result* result, const std::string& sql);
  // The name of the statement prepared for sql on this connection (prepared on first use).
  const std::string& prepared(const std::string& sql);
  // Sends the queued statements and `last` in one pipeline, reads every result, and returns the
  // last one's; throws the first error after the pipeline is drained.
  Result pipelined(Deferred last);
  void send(const Deferred& statement);

  pg_conn* conn_ = nullptr;
  std::unordered_map<std::string, std::string> prepared_;  // SQL text -> statement name
  std::vector<Deferred> deferred_;
};

}  // namespace tessera::store::postgres

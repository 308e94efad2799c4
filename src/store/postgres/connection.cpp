#include "store/postgres/connection.h"

#include <libpq-fe.h>

#include "store/postgres/pg_error.h"
#include "store/postgres/sql_text.h"

namespace tessera::store::postgres {

Connection::Connection(const std::string& conninfo, int connect_timeout_seconds) {
  // The URL comes last so that its own settings win over these defaults.
  const std::string timeout = std::to_string(connect_timeout_seconds);
  std::vector<const char*> keywords = {"fallback_application_name", "client_encoding"};
  std::vector<const char*> values = {"tessera", "UTF8"};
  if (connect_timeout_seconds > 0) {
    keywords.push_back("connect_timeout");
    values.push_back(timeout.c_str());
  }
  keywords.insert(keywords.end(), {"dbname", nullptr});
  values.insert(values.end(), {conninfo.c_str(), nullptr});
  conn_ = PQconnectdbParams(keywords.data(), values.data(), /*expand_dbname=*/1);
  if (conn_ == nullptr || PQstatus(conn_) != CONNECTION_OK) {
    try {
      throw_connection_error(conn_, "connect");
    } catch (...) {
      PQfinish(conn_);
      throw;
    }
  }
  // Notices (e.g. "drop cascades to …") would go to stderr; the server log has them.
  PQsetNoticeProcessor(
      conn_, [](void*, const char*) {}, nullptr);
}

Connection::~Connection() { PQfinish(conn_); }

Result Connection::checked(pg_result* raw, const std::string& sql) {
  Result result(raw);
  const auto status = PQresultStatus(raw);
  if (raw == nullptr || (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK))
    throw_result_error(raw, conn_, describe(sql));
  return result;
}

Result Connection::exec(const std::string& sql) {
  flush();  // first: text of several statements cannot join a pipeline
  return checked(PQexec(conn_, sql.c_str()), sql);
}

void Connection::flush() {
  if (deferred_.empty()) return;
  auto last = std::move(deferred_.back());
  deferred_.pop_back();
  pipelined(std::move(last));
}

const std::string& Connection::prepared(const std::string& sql) {
  auto found = prepared_.find(sql);
  if (found == prepared_.end()) {
    const std::string name = "tessera_" + std::to_string(prepared_.size());
    checked(PQprepare(conn_, name.c_str(), number_placeholders(sql).c_str(), 0, nullptr), sql);
    found = prepared_.emplace(sql, name).first;
  }
  return found->second;
}

Result Connection::query(const std::string& sql, const Params& params) {
  const auto& name = prepared(sql);
  if (!deferred_.empty()) return pipelined({name, sql, params, nullptr});
  const auto values = params.pointers();
  return checked(PQexecPrepared(conn_, name.c_str(), params.size(), values.data(), nullptr, nullptr,
                                /*resultFormat=*/0),
                 sql);
}

void Connection::defer(const std::string& sql, const Params& params) {
  defer(sql, params, nullptr);
}

void Connection::defer(const std::string& sql, const Params& params, ResultHandler on_result) {
  deferred_.push_back(
      {params.size() > 0 ? prepared(sql) : std::string(), sql, params, std::move(on_result)});
}

std::string Connection::commit() { return pipelined({"", "COMMIT", {}, nullptr}).command_status(); }

void Connection::send(const Deferred& statement) {
  const auto values = statement.params.pointers();
  const int sent =
      statement.name.empty()
          ? PQsendQueryParams(conn_, statement.sql.c_str(), 0, nullptr, nullptr, nullptr, nullptr,
                              /*resultFormat=*/0)
          : PQsendQueryPrepared(conn_, statement.name.c_str(), statement.params.size(),
                                values.data(), nullptr, nullptr, /*resultFormat=*/0);
  if (sent != 1) throw_connection_error(conn_, "send");
}

Result Connection::pipelined(Deferred last) {
  auto statements = std::move(deferred_);
  deferred_.clear();
  statements.push_back(std::move(last));
  if (PQenterPipelineMode(conn_) != 1) throw_connection_error(conn_, "pipeline");
  // A failure to send leaves the connection unusable (not idle(): the pool drops it).
  for (const auto& statement : statements) send(statement);
  if (PQpipelineSync(conn_) != 1) throw_connection_error(conn_, "pipeline");

  // Every statement's results, up to the sync, are read before anything is thrown, so the
  // connection is left in step with the server.
  pg_result* failure = nullptr;
  pg_result* answer = nullptr;
  const std::string* failed_sql = nullptr;
  std::vector<std::pair<const Deferred*, Result>> handled;  // results a handler waits for
  auto drop = [&] {
    PQclear(failure);
    PQclear(answer);
  };
  for (const auto& statement : statements) {
    pg_result* raw = PQgetResult(conn_);
    if (raw == nullptr) {
      drop();
      throw_connection_error(conn_, "pipeline");
    }
    while (pg_result* extra = PQgetResult(conn_)) PQclear(extra);  // the end of its results
    if (PQresultStatus(raw) == PGRES_FATAL_ERROR && failure == nullptr) {
      failure = raw;
      failed_sql = &statement.sql;
    } else if (&statement == &statements.back()) {
      answer = raw;
    } else if (statement.on_result && failure == nullptr) {
      handled.emplace_back(&statement, Result(raw));
    } else {
      PQclear(raw);
    }
  }
  pg_result* sync = PQgetResult(conn_);
  const bool in_step = sync != nullptr && PQresultStatus(sync) == PGRES_PIPELINE_SYNC;
  PQclear(sync);
  if (!in_step || PQexitPipelineMode(conn_) != 1) {
    drop();
    throw_connection_error(conn_, "pipeline");
  }
  if (failure != nullptr) {
    PQclear(answer);
    Result owned(failure);  // freed after the throw's message is built
    throw_result_error(failure, conn_, describe(*failed_sql));
  }
  auto result = checked(answer, statements.back().sql);
  for (auto& [statement, statement_result] : handled) statement->on_result(statement_result);
  if (statements.back().on_result) statements.back().on_result(result);
  return result;
}

int Connection::socket() const { return PQsocket(conn_); }

int Connection::backend_pid() const { return PQbackendPID(conn_); }

void Connection::send_text(const std::string& sql) {
  if (PQsendQuery(conn_, sql.c_str()) != 1) throw_connection_error(conn_, "send");
}

std::vector<Connection::Notification> Connection::receive() {
  if (PQconsumeInput(conn_) != 1) throw_connection_error(conn_, "receive");
  while (PQisBusy(conn_) == 0) {
    pg_result* raw = PQgetResult(conn_);
    if (raw == nullptr) break;
    checked(raw, "(sent without waiting)");
  }
  std::vector<Notification> notifications;
  while (PGnotify* n = PQnotifies(conn_)) {
    notifications.push_back({n->extra, n->be_pid});
    PQfreemem(n);
  }
  return notifications;
}

bool Connection::idle() const {
  return PQstatus(conn_) == CONNECTION_OK && PQtransactionStatus(conn_) == PQTRANS_IDLE &&
         PQpipelineStatus(conn_) == PQ_PIPELINE_OFF && deferred_.empty();
}

void Connection::rollback_quietly() noexcept {
  forget_deferred();  // never sent: nothing of them to undo
  if (PQstatus(conn_) != CONNECTION_OK) return;
  if (PQtransactionStatus(conn_) == PQTRANS_IDLE) return;
  PQclear(PQexec(conn_, "ROLLBACK"));
}

}  // namespace tessera::store::postgres

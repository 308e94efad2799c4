#include "store/postgres/connection.h"

#include <libpq-fe.h>

#include "store/postgres/pg_error.h"
#include "store/postgres/sql_text.h"

namespace tessera::store::postgres {

Connection::Connection(const std::string& conninfo) {
  // The URL comes last so that its own settings win over these defaults.
  const char* keywords[] = {"fallback_application_name", "client_encoding", "dbname", nullptr};
  const char* values[] = {"tessera", "UTF8", conninfo.c_str(), nullptr};
  conn_ = PQconnectdbParams(keywords, values, /*expand_dbname=*/1);
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

Result Connection::exec(const std::string& sql) { return checked(PQexec(conn_, sql.c_str()), sql); }

Result Connection::query(const std::string& sql, const Params& params) {
  auto found = prepared_.find(sql);
  if (found == prepared_.end()) {
    const std::string name = "tessera_" + std::to_string(prepared_.size());
    checked(PQprepare(conn_, name.c_str(), number_placeholders(sql).c_str(), 0, nullptr), sql);
    found = prepared_.emplace(sql, name).first;
  }
  const auto values = params.pointers();
  return checked(PQexecPrepared(conn_, found->second.c_str(), params.size(), values.data(), nullptr,
                                nullptr, /*resultFormat=*/0),
                 sql);
}

bool Connection::idle() const {
  return PQstatus(conn_) == CONNECTION_OK && PQtransactionStatus(conn_) == PQTRANS_IDLE;
}

void Connection::rollback_quietly() noexcept {
  if (PQstatus(conn_) != CONNECTION_OK) return;
  if (PQtransactionStatus(conn_) == PQTRANS_IDLE) return;
  PQclear(PQexec(conn_, "ROLLBACK"));
}

}  // namespace tessera::store::postgres

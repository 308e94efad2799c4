#include "auth/housekeeping/purge.h"

#include "auth/client/client_registry.h"

namespace tessera::auth {
namespace {

std::int64_t purge_all(Store& store, Expired kind, std::int64_t before, int batch) {
  std::int64_t total = 0;
  for (;;) {
    const int deleted = store.purge_expired(kind, before, batch);
    total += deleted;
    if (deleted < batch) return total;
  }
}

}  // namespace

PurgeReport purge_expired(Store& store, std::int64_t now_ms, std::int64_t keep_ms, int batch) {
  const auto before = now_ms - keep_ms;
  PurgeReport report;
  // Clients first: their sessions go with them.
  report.clients = purge_all(store, Expired::kClients, before - kClientLifetimeMs, batch);
  report.sessions = purge_all(store, Expired::kSessions, before, batch);
  report.sign_ins = purge_all(store, Expired::kSignIns, before, batch);
  report.sign_ups = purge_all(store, Expired::kSignUps, before, batch);
  return report;
}

}  // namespace tessera::auth

#pragma once
#include <cstdint>

#include "auth/store.h"

namespace tessera::auth {

// How many rows each kind lost.
struct PurgeReport {
  std::int64_t sign_ins = 0;
  std::int64_t sign_ups = 0;
  std::int64_t sessions = 0;
  std::int64_t clients = 0;
};

// Deletes what nobody can use any more, once it has been unusable for `keep_ms`: sign-ins and
// sign-ups past their abandon time, expired sessions (an ended one expires on schedule, so it
// goes at most one session lifetime later), and clients whose cookie has expired
// (kClientLifetimeMs after they were made), with their sessions and trust. Users, their factors
// and signing keys are never touched. Works in batches of `batch` rows, each its own short
// write, so a serving node is not held up.
PurgeReport purge_expired(Store& store, std::int64_t now_ms, std::int64_t keep_ms,
                          int batch = 1000);

}  // namespace tessera::auth

#pragma once
#include <string>

#include "auth/context.h"
#include "config/config.h"
#include "delivery/dev_outbox.h"
#include "env/adjustable_clock.h"
#include "http/thread_pool.h"
#include "tokens/key_ring.h"
#include "tokens/token_cache.h"

namespace tessera::fapi {

// What the FAPI handlers work with; assembled once by the app layer.
struct Services {
  const config::Config& config;
  const auth::AuthContext& auth;
  tokens::KeyRing& keys;
  http::ThreadPool& workers;              // database and token work
  http::ThreadPool& hashing;              // requests that hash (passwords, backup codes)
  delivery::DevOutbox* outbox = nullptr;  // only with dev.outbox (development)
  std::string publishable_key;
  std::string cookie_suffix;  // of the app's cookie names (fapi/cookie_suffix.h), for that key
  bool production_instance = true;                // pk_live_: the server sets __client_uat itself
  env::AdjustableClock* clock_control = nullptr;  // only with dev.clock_control (tests)
  tokens::TokenCache* token_cache = nullptr;      // reuse of tokens in rendered clients
};

}  // namespace tessera::fapi

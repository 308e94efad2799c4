#include <iostream>

#include "app/instance_key.h"
#include "app/serve.h"
#include "auth/housekeeping/purge.h"
#include "auth/identifiers.h"
#include "crypto/secret_box.h"
#include "env/system_clock.h"
#include "store/open_store.h"
#include "tokens/key_ring.h"

namespace tessera::app {

int migrate(const config::Config& config) {
  auto store = store::open_store(config.database.url);  // opening applies the migrations
  std::cout << "tessera: database is up to date\n";
  return 0;
}

int unlock_user(const config::Config& config, const std::string& email) {
  auto store = store::open_store(config.database.url);
  const auto user = store->find_user_by_email(auth::normalize_email(email));
  if (!user) {
    std::cerr << "tessera: no user with that email address\n";
    return 1;
  }
  store->reset_failed_attempts(user->user.id);
  std::cout << "tessera: unlocked " << user->user.id << "\n";
  return 0;
}

int cleanup(const config::Config& config, int keep_days) {
  auto store = store::open_store(config.database.url);
  constexpr std::int64_t kDayMs = 24LL * 3600 * 1000;
  const auto report = auth::purge_expired(*store, env::SystemClock().now_ms(), keep_days * kDayMs);
  std::cout << "tessera: deleted " << report.sign_ins << " sign-ins, " << report.sign_ups
            << " sign-ups, " << report.sessions << " sessions, " << report.clients
            << " clients (unusable for over " << keep_days << " days)\n";
  return 0;
}

int rotate_keys(const config::Config& config) {
  auto store = store::open_store(config.database.url);
  const crypto::SecretBox secrets(instance_key(config, *store));
  tokens::KeyRing keys(*store, secrets);
  keys.load_or_create(env::SystemClock().now_ms());
  const auto kid = keys.rotate(env::SystemClock().now_ms());
  // Running nodes publish it at their next key refresh and sign with it once it is one refresh
  // interval old (so within two); every older key stays published.
  const int refresh = config.security.signing_key_refresh_seconds;
  std::cout << "tessera: new signing key " << kid << " (published by running nodes within "
            << refresh << " s, signing within " << 2 * refresh << " s)\n";
  return 0;
}

}  // namespace tessera::app

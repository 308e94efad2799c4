#pragma once
#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "auth/store.h"
#include "crypto/rsa.h"
#include "crypto/secret_box.h"

namespace tessera::tokens {

// The RSA keys that sign session tokens, kept in the database (private keys sealed with the
// instance key) so every node and every restart signs and verifies with the same keys.
//
// Several nodes share one database, and `tessera keys rotate` adds a key while they run, so each
// node re-reads the keys periodically (`refresh`). A new key is published (JWKS) as soon as a
// node has read it, but signs only once it is `activation_delay_ms` old: by then every node has
// published it, so no verifier meets a kid that the JWKS it fetched does not list. Keys are never
// deleted by rotation: every key in the database stays in the JWKS.
class KeyRing {
 public:
  // `activation_delay_ms`: how long a new key is only published before it signs; use at least
  // the refresh interval of the nodes (0 = sign with the newest key at once: one node only).
  KeyRing(auth::Store& store, const crypto::SecretBox& secrets,
          std::int64_t activation_delay_ms = 0);

  // Loads the keys, creating the first one when the database has none.
  void load_or_create(std::int64_t now_ms);
  // Adds a new key (it signs once activation_delay_ms old); older keys stay published. Returns
  // the new kid.
  std::string rotate(std::int64_t now_ms);
  // Re-reads the keys from the database (keys added or retired by another node or by
  // `tessera keys rotate`). Keeps the current keys and throws when the database fails.
  void refresh(std::int64_t now_ms);
  // refresh() when the last load is at least `max_age_ms` old; cheap otherwise. Concurrent
  // callers do not pile up: one reloads, the others carry on with the current keys.
  void refresh_if_older_than(std::int64_t now_ms, std::int64_t max_age_ms);

  struct ActiveKey {
    std::string kid;
    std::shared_ptr<const crypto::Rs256Signer> signer;
  };
  ActiveKey active() const;
  // Every key in the database (newest first) for the JWKS.
  std::vector<auth::SigningKey> published() const;

 private:
  void reload(std::int64_t now_ms);
  void create_first_key(std::int64_t now_ms);

  auth::Store& store_;
  const crypto::SecretBox& secrets_;
  const std::int64_t activation_delay_ms_;
  std::atomic<std::int64_t> loaded_at_{0};
  std::atomic<bool> reloading_{false};
  mutable std::mutex mutex_;
  std::vector<auth::SigningKey> keys_;
  ActiveKey active_;
};

}  // namespace tessera::tokens

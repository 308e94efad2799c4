#pragma once
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
class KeyRing {
 public:
  KeyRing(auth::Store& store, const crypto::SecretBox& secrets);

  // Loads the keys, creating the first one when the database has none.
  void load_or_create(std::int64_t now_ms);
  // Adds a new active key; older keys stay published for verification.
  void rotate(std::int64_t now_ms);

  struct ActiveKey {
    std::string kid;
    std::shared_ptr<const crypto::Rs256Signer> signer;
  };
  ActiveKey active() const;
  // Every published key (active first) for the JWKS.
  std::vector<auth::SigningKey> published() const;

 private:
  void reload();

  auth::Store& store_;
  const crypto::SecretBox& secrets_;
  mutable std::mutex mutex_;
  std::vector<auth::SigningKey> keys_;
  ActiveKey active_;
};

}  // namespace tessera::tokens

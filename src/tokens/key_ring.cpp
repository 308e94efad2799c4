#include "tokens/key_ring.h"

#include <stdexcept>

namespace tessera::tokens {
namespace {

auth::SigningKey make_key(const crypto::SecretBox& secrets, std::int64_t now_ms) {
  const auto pair = crypto::generate_rsa_key(2048);
  auth::SigningKey key;
  key.kid = "ins_" + crypto::rsa_thumbprint(pair.public_pem).substr(0, 27);
  key.public_key_pem = pair.public_pem;
  key.private_key_sealed = secrets.seal(pair.private_pem, "signing_key:" + key.kid);
  key.active = true;
  key.created_at = now_ms;
  return key;
}

}  // namespace

KeyRing::KeyRing(auth::Store& store, const crypto::SecretBox& secrets)
    : store_(store), secrets_(secrets) {}

void KeyRing::load_or_create(std::int64_t now_ms) {
  if (store_.signing_keys().empty()) store_.add_signing_key(make_key(secrets_, now_ms));
  reload();
}

void KeyRing::rotate(std::int64_t now_ms) {
  const auto key = make_key(secrets_, now_ms);
  store_.add_signing_key(key);
  reload();
}

void KeyRing::reload() {
  auto keys = store_.signing_keys();  // newest first
  if (keys.empty()) throw std::runtime_error("no signing key in the database");
  const auto& newest = keys.front();
  auto pem = secrets_.open(newest.private_key_sealed, "signing_key:" + newest.kid);
  if (!pem)
    throw std::runtime_error(
        "the signing key cannot be opened: security.instance_key differs from the one that sealed "
        "it");
  ActiveKey active{newest.kid, std::make_shared<const crypto::Rs256Signer>(*pem)};
  std::lock_guard lock(mutex_);
  keys_ = std::move(keys);
  active_ = std::move(active);
}

KeyRing::ActiveKey KeyRing::active() const {
  std::lock_guard lock(mutex_);
  return active_;
}

std::vector<auth::SigningKey> KeyRing::published() const {
  std::lock_guard lock(mutex_);
  return keys_;
}

}  // namespace tessera::tokens

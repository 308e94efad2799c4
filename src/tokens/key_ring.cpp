#include "tokens/key_ring.h"

#include <algorithm>
#include <chrono>
#include <stdexcept>
#include <thread>

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

// The key that signs: the newest active key old enough to be published by every node; when none
// is (a key ring younger than the delay), the oldest active key, which was published first.
const auth::SigningKey* signing_key(const std::vector<auth::SigningKey>& newest_first,
                                    std::int64_t now_ms, std::int64_t delay_ms) {
  const auth::SigningKey* oldest = nullptr;
  for (const auto& key : newest_first) {
    if (!key.active) continue;
    if (key.created_at <= now_ms - delay_ms) return &key;
    oldest = &key;
  }
  return oldest;
}

}  // namespace

KeyRing::KeyRing(auth::Store& store, const crypto::SecretBox& secrets,
                 std::int64_t activation_delay_ms)
    : store_(store),
      secrets_(secrets),
      activation_delay_ms_(std::max<std::int64_t>(0, activation_delay_ms)) {}

void KeyRing::load_or_create(std::int64_t now_ms) {
  if (store_.signing_keys().empty()) create_first_key(now_ms);
  reload(now_ms);
}

// Nodes starting together on an empty database must not each add a first key (each would sign
// with its own before the others publish it): they claim the first kid in one atomic
// put-if-absent, and the losers wait for the winner's key. Should the winner die between claim
// and insert, a loser adds its own key after the wait.
void KeyRing::create_first_key(std::int64_t now_ms) {
  const auto key = make_key(secrets_, now_ms);
  if (store_.put_setting_if_absent("first_signing_key", key.kid) == key.kid) {
    store_.add_signing_key(key);
    return;
  }
  for (int i = 0; i < 100; ++i) {
    if (!store_.signing_keys().empty()) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  store_.add_signing_key(key);
}

std::string KeyRing::rotate(std::int64_t now_ms) {
  const auto key = make_key(secrets_, now_ms);
  store_.add_signing_key(key);
  reload(now_ms);
  return key.kid;
}

void KeyRing::refresh(std::int64_t now_ms) { reload(now_ms); }

void KeyRing::refresh_if_older_than(std::int64_t now_ms, std::int64_t max_age_ms) {
  if (now_ms - loaded_at_.load(std::memory_order_relaxed) < max_age_ms) return;
  if (reloading_.exchange(true)) return;  // another thread is at it
  struct Done {
    std::atomic<bool>& flag;
    ~Done() { flag.store(false); }
  } done{reloading_};
  reload(now_ms);
}

void KeyRing::reload(std::int64_t now_ms) {
  auto keys = store_.signing_keys();  // newest first
  const auto* chosen = signing_key(keys, now_ms, activation_delay_ms_);
  if (!chosen) throw std::runtime_error("no active signing key in the database");
  ActiveKey active;
  {
    std::lock_guard lock(mutex_);
    if (active_.kid == chosen->kid) active = active_;  // parse the PEM only when it changes
  }
  if (!active.signer) {
    auto pem = secrets_.open(chosen->private_key_sealed, "signing_key:" + chosen->kid);
    if (!pem)
      throw std::runtime_error(
          "the signing key cannot be opened: security.instance_key differs from the one that "
          "sealed it");
    active = {chosen->kid, std::make_shared<const crypto::Rs256Signer>(*pem)};
  }
  std::lock_guard lock(mutex_);
  keys_ = std::move(keys);
  active_ = std::move(active);
  loaded_at_.store(now_ms, std::memory_order_relaxed);
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

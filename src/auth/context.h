#pragma once
#include "auth/clock.h"
#include "auth/delivery.h"
#include "auth/log.h"
#include "auth/password/password_hasher.h"
#include "auth/random.h"
#include "auth/settings.h"
#include "auth/store.h"
#include "crypto/secret_box.h"

namespace tessera::auth {

// Everything the domain receives from outside: storage, time, randomness, slow hashing, the
// delivery of codes and notices, and a log. The domain reaches no I/O except through these.
struct AuthContext {
  Store& store;
  const Clock& clock;
  Random& random;
  const PasswordHasher& hasher;
  Mailer& mailer;
  SmsSender& sms;
  const AuthSettings& settings;
  const crypto::SecretBox& secrets;  // seals TOTP secrets and signing keys at rest
  Log& log;

  std::int64_t now() const { return clock.now_ms(); }
};

}  // namespace tessera::auth

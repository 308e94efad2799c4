#pragma once
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "auth/context.h"
#include "auth/session/sessions.h"
#include "auth/sign_in/sign_in_flow.h"
#include "auth/sign_up/sign_up_flow.h"
#include "crypto/secret_box.h"
#include "store/sqlite/sqlite_store.h"
#include "unit/auth/support/auth_error.h"
#include "unit/auth/support/fake_clock.h"
#include "unit/auth/support/fake_password_hasher.h"
#include "unit/auth/support/fake_random.h"
#include "unit/auth/support/recording_delivery.h"
#include "unit/auth/support/recording_log.h"

namespace tessera::auth::test {

inline constexpr std::string_view kEmail = "zoe@example.com";
inline constexpr std::string_view kPassword = "correct horse battery";
inline constexpr std::int64_t kStartMs = 1'700'000'015'000;  // mid TOTP step

// A user who completed sign-up on `client` (so it is trusted) and holds `session_id` there.
struct SignedUpUser {
  Client client;
  std::string user_id;
  std::string session_id;
};

// The domain over the real SQLite store in memory, with fake time, randomness, hashing and
// delivery. `settings` is read by reference: change it in a test before acting.
class DomainFixture : public ::testing::Test {
 protected:
  DomainFixture();

  Client new_client();
  // Signs up through SignUpFlow with the emailed code.
  SignedUpUser sign_up(std::string_view email = kEmail);
  SignIn sign_in_with_password(Client& client, std::string_view email = kEmail,
                               std::string_view password = kPassword);
  void sign_out(Client& client);

  User user(const std::string& user_id);
  UserRecord user_record(const std::string& user_id);
  Session session(const std::string& session_id);

  // Second factors. enable_totp returns the raw key an authenticator app would hold.
  std::string enable_totp(const std::string& user_id);
  std::string totp_code(const std::string& key, int steps_from_now = 0) const;
  std::vector<std::string> give_backup_codes(const std::string& user_id);
  PhoneNumber add_mfa_phone(const std::string& user_id, std::string_view e164);

  FakeClock clock{kStartMs};
  FakeRandom random;
  FakePasswordHasher hasher;
  RecordingMailer mailer;
  RecordingSms sms;
  RecordingLog log;
  AuthSettings settings;
  crypto::SecretBox secrets{std::string(32, 'k')};
  store::sqlite::SqliteStore store{":memory:"};
  AuthContext ctx{store, clock, random, hasher, mailer, sms, settings, secrets, log};
  SignUpFlow sign_up_flow{ctx};
  SignInFlow sign_in_flow{ctx};
  Sessions sessions{ctx};
};

}  // namespace tessera::auth::test

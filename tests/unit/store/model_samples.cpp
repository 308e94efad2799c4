#include "unit/store/model_samples.h"

namespace tessera::store::test {

auth::Verification sample_verification(const std::string& tag) {
  auth::Verification v;
  v.status = "verified";
  v.strategy = "email_code";
  v.attempts = 2;
  v.expire_at = 1'700'000'600'000;
  v.sent_at = 1'700'000'000'123;
  v.code_hash = "hmac-" + tag;
  v.target_id = "idn_target_" + tag;
  return v;
}

auth::User sample_user(const std::string& id) {
  auth::User u;
  u.id = id;
  u.password_hash = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA";
  u.primary_email_address_id = "idn_email_of_" + id;
  u.primary_phone_number_id = "idn_phone_of_" + id;
  u.first_name = "Zoë";  // non-ASCII survives
  u.last_name = "O'Brien";
  u.username = "zoe_" + id;
  u.totp_secret_sealed = "v1.c2VhbGVkLXRvdHA";
  u.totp_verified = true;
  u.totp_last_step = 56'666'666;
  u.totp_created_at = 1'700'000'000'001;
  u.backup_code_salt = "salt-" + id;
  u.failed_attempts = 3;
  u.locked_until = 1'700'000'000'002;
  u.last_sign_in_at = 1'700'000'000'003;
  u.mfa_enabled_at = 1'700'000'000'004;
  u.created_at = 1'700'000'000'005;
  u.updated_at = 1'700'000'000'006;
  return u;
}

auth::EmailAddress sample_email(const std::string& id, const std::string& user_id,
                                const std::string& email) {
  auth::EmailAddress e;
  e.id = id;
  e.user_id = user_id;
  e.email = email;
  e.verified = true;
  e.verification_strategy = "email_code";
  e.created_at = 1'700'000'000'010;
  e.updated_at = 1'700'000'000'011;
  return e;
}

auth::PhoneNumber sample_phone(const std::string& id, const std::string& user_id) {
  auth::PhoneNumber p;
  p.id = id;
  p.user_id = user_id;
  p.phone = "+15555550100";
  p.reserved_for_second_factor = true;
  p.default_second_factor = true;
  p.verification = sample_verification("phone-" + id);
  p.verification.strategy = "phone_code";
  p.created_at = 1'700'000'000'020;
  p.updated_at = 1'700'000'000'021;
  return p;
}

auth::Client sample_client(const std::string& id) {
  auth::Client c;
  c.id = id;
  c.token_hash = "token-hash-of-" + id;
  c.sign_in_id = "sia_of_" + id;
  c.sign_up_id = "sua_of_" + id;
  c.last_active_session_id = "sess_of_" + id;
  c.created_at = 1'700'000'000'030;
  c.updated_at = 1'700'000'000'031;
  return c;
}

auth::Client sample_client_with_token_of(const std::string& id, const auth::Client& taken) {
  auto c = sample_client(id);
  c.token_hash = taken.token_hash;
  return c;
}

auth::SignIn sample_sign_in(const std::string& id, const std::string& client_id) {
  auth::SignIn s;
  s.id = id;
  s.client_id = client_id;
  s.status = "needs_second_factor";
  s.identifier = "zoe@example.com";
  s.user_id = "user_1";
  s.first_factor = sample_verification("first");
  s.second_factor = sample_verification("second");
  s.second_factor.status = "failed";
  s.second_factor.strategy = "totp";
  s.second_factor.attempts = 3;
  s.created_session_id = "sess_created";
  s.client_trust_state = "pending";
  s.password_fails_policy = true;
  s.created_at = 1'700'000'000'040;
  s.updated_at = 1'700'000'000'041;
  s.abandon_at = 1'700'000'000'042;
  s.version = 7;
  return s;
}

auth::SignUp sample_sign_up(const std::string& id, const std::string& client_id) {
  auth::SignUp s;
  s.id = id;
  s.client_id = client_id;
  s.status = "complete";
  s.email_address = "new@example.com";
  s.password_hash = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdDI$aGFzaDI";
  s.first_name = "Ada";
  s.last_name = "Lovelace";
  s.locale = "en-GB";
  s.email_verification = sample_verification("signup");
  s.created_user_id = "user_created";
  s.created_session_id = "sess_created";
  s.created_at = 1'700'000'000'050;
  s.updated_at = 1'700'000'000'051;
  s.abandon_at = 1'700'000'000'052;
  s.version = 4;
  return s;
}

auth::Session sample_session(const std::string& id, const std::string& client_id,
                             const std::string& user_id, std::int64_t created_at) {
  auth::Session s;
  s.id = id;
  s.client_id = client_id;
  s.user_id = user_id;
  s.status = "pending";
  s.tasks = {"setup-mfa", "choose-organization"};
  s.first_factor_at = created_at + 1;
  s.second_factor_at = created_at + 2;
  s.last_active_at = created_at + 3;
  s.expire_at = created_at + 4;
  s.abandon_at = created_at + 5;
  s.created_at = created_at;
  s.updated_at = created_at + 6;
  return s;
}

auth::SigningKey sample_signing_key(const std::string& kid, std::int64_t created_at) {
  auth::SigningKey k;
  k.kid = kid;
  k.private_key_sealed = "v1.sealed-private-" + kid;
  k.public_key_pem = "-----BEGIN PUBLIC KEY-----\nMIIB" + kid + "\n-----END PUBLIC KEY-----\n";
  k.active = false;  // the default is true; false proves the flag is stored
  k.created_at = created_at;
  return k;
}

}  // namespace tessera::store::test

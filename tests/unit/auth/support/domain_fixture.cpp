#include "unit/auth/support/domain_fixture.h"

#include <stdexcept>

#include "auth/client/client_registry.h"
#include "auth/factors/backup_codes.h"
#include "auth/factors/totp.h"
#include "auth/ids.h"
#include "crypto/encoding.h"
#include "crypto/otp.h"

namespace tessera::auth::test {
namespace {

template <class T>
T found(std::optional<T> value, const char* what) {
  if (!value) throw std::logic_error(std::string("not in the store: ") + what);
  return std::move(*value);
}

}  // namespace

DomainFixture::DomainFixture() { settings.code_pepper = "test pepper"; }

Client DomainFixture::new_client() { return create_client(ctx).client; }

SignedUpUser DomainFixture::sign_up(std::string_view email) {
  auto client = new_client();
  SignUpParams params;
  params.email_address = std::string(email);
  params.password = std::string(kPassword);
  const auto created = sign_up_flow.create(client, params);
  sign_up_flow.prepare_verification(client, created.id, "email_code");
  const auto done =
      sign_up_flow.attempt_verification(client, created.id, "email_code", mailer.last().code);
  if (done.status != "complete") throw std::logic_error("sign-up did not complete");
  return {client, done.created_user_id, done.created_session_id};
}

SignIn DomainFixture::sign_in_with_password(Client& client, std::string_view email,
                                            std::string_view password) {
  SignInParams params;
  params.identifier = std::string(email);
  params.password = std::string(password);
  return sign_in_flow.create(client, params);
}

void DomainFixture::sign_out(Client& client) { sessions.finish_all(client); }

User DomainFixture::user(const std::string& user_id) {
  return found(store.find_user(user_id), "user");
}

UserRecord DomainFixture::user_record(const std::string& user_id) {
  return found(store.find_user_record(user_id), "user record");
}

Session DomainFixture::session(const std::string& session_id) {
  return found(store.find_session(session_id), "session");
}

std::string DomainFixture::enable_totp(const std::string& user_id) {
  const auto key = random.bytes(20);
  auto u = user(user_id);
  u.totp_secret_sealed = seal_totp_secret(ctx, user_id, crypto::base32_encode(key));
  u.totp_verified = true;
  u.totp_created_at = u.mfa_enabled_at = clock.now_ms();
  store.update_user(u);
  return key;
}

std::string DomainFixture::totp_code(const std::string& key, int steps_from_now) const {
  return crypto::totp(key, clock.now_ms() / 1000 + 30LL * steps_from_now);
}

std::vector<std::string> DomainFixture::give_backup_codes(const std::string& user_id) {
  auto u = user(user_id);
  return regenerate_backup_codes(ctx, u);
}

PhoneNumber DomainFixture::add_mfa_phone(const std::string& user_id, std::string_view e164) {
  PhoneNumber phone;
  phone.id = new_id(random, "idn");
  phone.user_id = user_id;
  phone.phone = std::string(e164);
  phone.reserved_for_second_factor = true;
  phone.default_second_factor = true;
  phone.verification.status = "verified";
  phone.verification.strategy = "phone_code";
  phone.created_at = phone.updated_at = clock.now_ms();
  store.add_phone_number(phone);
  return phone;
}

}  // namespace tessera::auth::test

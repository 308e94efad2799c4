#include "unit/store/model_compare.h"

#include <gtest/gtest.h>

namespace tessera::store::test {

#define EXPECT_FIELD(field) EXPECT_EQ(expected.field, actual.field) << #field

void expect_same(const auth::Verification& expected, const auth::Verification& actual) {
  EXPECT_FIELD(status);
  EXPECT_FIELD(strategy);
  EXPECT_FIELD(attempts);
  EXPECT_FIELD(expire_at);
  EXPECT_FIELD(sent_at);
  EXPECT_FIELD(code_hash);
  EXPECT_FIELD(target_id);
}

void expect_same(const auth::User& expected, const auth::User& actual) {
  EXPECT_FIELD(id);
  EXPECT_FIELD(password_hash);
  EXPECT_FIELD(primary_email_address_id);
  EXPECT_FIELD(primary_phone_number_id);
  EXPECT_FIELD(first_name);
  EXPECT_FIELD(last_name);
  EXPECT_FIELD(username);
  EXPECT_FIELD(totp_secret_sealed);
  EXPECT_FIELD(totp_verified);
  EXPECT_FIELD(totp_last_step);
  EXPECT_FIELD(totp_created_at);
  EXPECT_FIELD(backup_code_salt);
  EXPECT_FIELD(failed_attempts);
  EXPECT_FIELD(locked_until);
  EXPECT_FIELD(last_sign_in_at);
  EXPECT_FIELD(mfa_enabled_at);
  EXPECT_FIELD(created_at);
  EXPECT_FIELD(updated_at);
}

void expect_same(const auth::EmailAddress& expected, const auth::EmailAddress& actual) {
  EXPECT_FIELD(id);
  EXPECT_FIELD(user_id);
  EXPECT_FIELD(email);
  EXPECT_FIELD(verified);
  EXPECT_FIELD(verification_strategy);
  EXPECT_FIELD(created_at);
  EXPECT_FIELD(updated_at);
}

void expect_same(const auth::PhoneNumber& expected, const auth::PhoneNumber& actual) {
  EXPECT_FIELD(id);
  EXPECT_FIELD(user_id);
  EXPECT_FIELD(phone);
  EXPECT_FIELD(reserved_for_second_factor);
  EXPECT_FIELD(default_second_factor);
  expect_same(expected.verification, actual.verification);
  EXPECT_FIELD(created_at);
  EXPECT_FIELD(updated_at);
}

void expect_same(const auth::Client& expected, const auth::Client& actual) {
  EXPECT_FIELD(id);
  EXPECT_FIELD(token_hash);
  EXPECT_FIELD(sign_in_id);
  EXPECT_FIELD(sign_up_id);
  EXPECT_FIELD(last_active_session_id);
  EXPECT_FIELD(created_at);
  EXPECT_FIELD(updated_at);
}

void expect_same(const auth::SignIn& expected, const auth::SignIn& actual) {
  EXPECT_FIELD(id);
  EXPECT_FIELD(client_id);
  EXPECT_FIELD(status);
  EXPECT_FIELD(identifier);
  EXPECT_FIELD(user_id);
  expect_same(expected.first_factor, actual.first_factor);
  expect_same(expected.second_factor, actual.second_factor);
  EXPECT_FIELD(created_session_id);
  EXPECT_FIELD(client_trust_state);
  EXPECT_FIELD(password_fails_policy);
  EXPECT_FIELD(created_at);
  EXPECT_FIELD(updated_at);
  EXPECT_FIELD(abandon_at);
  EXPECT_FIELD(version);
}

void expect_same(const auth::SignUp& expected, const auth::SignUp& actual) {
  EXPECT_FIELD(id);
  EXPECT_FIELD(client_id);
  EXPECT_FIELD(status);
  EXPECT_FIELD(email_address);
  EXPECT_FIELD(password_hash);
  EXPECT_FIELD(first_name);
  EXPECT_FIELD(last_name);
  EXPECT_FIELD(locale);
  expect_same(expected.email_verification, actual.email_verification);
  EXPECT_FIELD(created_user_id);
  EXPECT_FIELD(created_session_id);
  EXPECT_FIELD(created_at);
  EXPECT_FIELD(updated_at);
  EXPECT_FIELD(abandon_at);
  EXPECT_FIELD(version);
}

void expect_same(const auth::Session& expected, const auth::Session& actual) {
  EXPECT_FIELD(id);
  EXPECT_FIELD(client_id);
  EXPECT_FIELD(user_id);
  EXPECT_FIELD(status);
  EXPECT_FIELD(tasks);
  EXPECT_FIELD(first_factor_at);
  EXPECT_FIELD(second_factor_at);
  EXPECT_FIELD(last_active_at);
  EXPECT_FIELD(expire_at);
  EXPECT_FIELD(abandon_at);
  EXPECT_FIELD(created_at);
  EXPECT_FIELD(updated_at);
}

void expect_same(const auth::SigningKey& expected, const auth::SigningKey& actual) {
  EXPECT_FIELD(kid);
  EXPECT_FIELD(private_key_sealed);
  EXPECT_FIELD(public_key_pem);
  EXPECT_FIELD(active);
  EXPECT_FIELD(created_at);
}

#undef EXPECT_FIELD

}  // namespace tessera::store::test

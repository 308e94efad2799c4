#pragma once
#include "auth/model/client.h"
#include "auth/model/session.h"
#include "auth/model/sign_in.h"
#include "auth/model/sign_up.h"
#include "auth/model/signing_key.h"
#include "auth/model/user.h"

// Field-by-field comparisons (the models have no operator==), so a failure names the field.
namespace tessera::store::test {

void expect_same(const auth::Verification& expected, const auth::Verification& actual);
void expect_same(const auth::User& expected, const auth::User& actual);
void expect_same(const auth::EmailAddress& expected, const auth::EmailAddress& actual);
void expect_same(const auth::PhoneNumber& expected, const auth::PhoneNumber& actual);
void expect_same(const auth::Client& expected, const auth::Client& actual);
void expect_same(const auth::SignIn& expected, const auth::SignIn& actual);
void expect_same(const auth::SignUp& expected, const auth::SignUp& actual);
void expect_same(const auth::Session& expected, const auth::Session& actual);
void expect_same(const auth::SigningKey& expected, const auth::SigningKey& actual);

}  // namespace tessera::store::test

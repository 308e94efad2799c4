// Enumeration protection (settings.enumeration_protection): an unknown identifier is treated like a
// known one until a factor fails, with the same error; and well-known passwords are refused at
// sign-up (form_password_pwned).
#include "unit/auth/support/domain_fixture.h"

namespace tessera::auth::test {
namespace {

constexpr std::string_view kNobody = "nobody@example.com";

class EnumerationProtectionTest : public DomainFixture {
 protected:
  void SetUp() override {
    settings.enumeration_protection = true;
    settings.client_trust = false;
    zoe = sign_up();
    sign_out(zoe.client);
  }

  SignIn identifier_only(Client& client, std::string_view email) {
    SignInParams params;
    params.identifier = std::string(email);
    return sign_in_flow.create(client, params);
  }

  // "status:<s>" when the call returns, else "error:<code>/<param>".
  template <class Action>
  std::string outcome(Action&& action) {
    try {
      return "status:" + action().status;
    } catch (const AuthError& error) {
      return "error:" + error.code + "/" + error.param_name;
    }
  }

  SignedUpUser zoe;
};

TEST_F(EnumerationProtectionTest, UnknownIdentifierGivesASignInWithoutUserNeedingAFirstFactor) {
  auto client = new_client();
  const auto si = identifier_only(client, kNobody);
  EXPECT_EQ(si.status, "needs_first_factor");
  EXPECT_TRUE(si.user_id.empty());
  EXPECT_EQ(si.identifier, kNobody);
  EXPECT_TRUE(si.created_session_id.empty());
  // It is stored and belongs to the client, like any sign-in.
  EXPECT_EQ(client.sign_in_id, si.id);
  EXPECT_EQ(sign_in_flow.get(client, si.id).status, "needs_first_factor");
}

TEST_F(EnumerationProtectionTest, KnownAndUnknownIdentifiersStartAlike) {
  auto a = new_client();
  auto b = new_client();
  const auto known = identifier_only(a, kEmail);
  const auto unknown = identifier_only(b, kNobody);
  EXPECT_EQ(known.status, unknown.status);
  EXPECT_EQ(known.status, "needs_first_factor");
  EXPECT_FALSE(known.user_id.empty());
}

TEST_F(EnumerationProtectionTest, PasswordForAnUnknownIdentifierIsIncorrectLikeAWrongOne) {
  auto client = new_client();
  const auto unknown =
      auth_error_of([&] { sign_in_with_password(client, kNobody, std::string(kPassword)); });
  EXPECT_EQ(unknown.code, "form_password_incorrect");
  EXPECT_EQ(unknown.param_name, "password");

  auto other = new_client();
  const auto known = auth_error_of([&] { sign_in_with_password(other, kEmail, "wrong password"); });
  EXPECT_EQ(known.code, unknown.code);
  EXPECT_EQ(known.param_name, unknown.param_name);
  EXPECT_EQ(known.meta, unknown.meta);
  EXPECT_TRUE(sessions.live_of_client(client.id).empty());
}

TEST_F(EnumerationProtectionTest, IdentifierFirstThenPasswordForAnUnknownIdentifierIsIncorrect) {
  auto client = new_client();
  const auto si = identifier_only(client, kNobody);
  const auto error = auth_error_of(
      [&] { sign_in_flow.attempt_first_factor(client, si.id, "password", "anything at all"); });
  EXPECT_EQ(error.code, "form_password_incorrect");
  EXPECT_EQ(error.param_name, "password");
  // Still waiting for a first factor, like a known user's sign-in after a wrong password.
  EXPECT_EQ(sign_in_flow.get(client, si.id).status, "needs_first_factor");
}

TEST_F(EnumerationProtectionTest, TheKnownUsersRightPasswordStillCompletes) {
  auto client = new_client();
  EXPECT_EQ(sign_in_with_password(client).status, "complete");
}

TEST_F(EnumerationProtectionTest, UnknownIdentifierFailuresLockNobodyOut) {
  auto client = new_client();
  for (int i = 0; i < settings.lockout_attempts + 2; ++i) {
    EXPECT_EQ(error_code_of([&] { sign_in_with_password(client, kNobody, "guess"); }),
              "form_password_incorrect");
  }
  EXPECT_EQ(user(zoe.user_id).failed_attempts, 0);
  auto other = new_client();
  EXPECT_EQ(sign_in_with_password(other).status, "complete");
}

// The sign-in offers only the password, but prepare_first_factor is a public endpoint: asking it
// for an email code must not answer differently for a known and an unknown identifier.
TEST_F(EnumerationProtectionTest, EmailCodeFirstFactorAnswersAlikeForKnownAndUnknown) {
  auto a = new_client();
  auto b = new_client();
  const auto known = identifier_only(a, kEmail);
  const auto unknown = identifier_only(b, kNobody);
  const auto known_outcome =
      outcome([&] { return sign_in_flow.prepare_first_factor(a, known.id, "email_code", ""); });
  const auto unknown_outcome =
      outcome([&] { return sign_in_flow.prepare_first_factor(b, unknown.id, "email_code", ""); });
  EXPECT_EQ(known_outcome, unknown_outcome);
}

TEST_F(EnumerationProtectionTest, WithoutProtectionAnUnknownIdentifierIsNotFound) {
  settings.enumeration_protection = false;
  auto client = new_client();
  const auto error = auth_error_of([&] { identifier_only(client, kNobody); });
  EXPECT_EQ(error.code, "form_identifier_not_found");
  EXPECT_EQ(error.param_name, "identifier");
}

class CommonPasswordTest : public DomainFixture {};

TEST_F(CommonPasswordTest, WellKnownPasswordsArePwnedAtSignUp) {
  for (const char* pw : {"password1", "12345678", "PASSWORD1", "qwertyuiop"}) {
    auto client = new_client();
    SignUpParams params;
    params.email_address = "new@example.com";
    params.password = std::string(pw);
    const auto error = auth_error_of([&] { sign_up_flow.create(client, params); });
    EXPECT_EQ(error.code, "form_password_pwned") << pw;
    EXPECT_EQ(error.param_name, "password") << pw;
  }
}

TEST_F(CommonPasswordTest, AnUnusualPasswordIsAccepted) {
  auto client = new_client();
  SignUpParams params;
  params.email_address = "new@example.com";
  params.password = std::string(kPassword);
  EXPECT_EQ(sign_up_flow.create(client, params).status, "missing_requirements");
}

}  // namespace
}  // namespace tessera::auth::test

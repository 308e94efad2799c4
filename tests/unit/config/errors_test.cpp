#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "config_test_support.h"

namespace tessera::config {
namespace {

using ::testing::AllOf;
using testing::error_of;
using ::testing::HasSubstr;
using testing::TempToml;

TEST(ConfigErrors, UnknownKeyInFileNamesKeyFileAndLine) {
  const TempToml file("[auth]\nclient_trust = true\nclient_trusted = false\n");
  EXPECT_THAT(error_of(file.path()),
              AllOf(HasSubstr("auth.client_trusted"), HasSubstr(file.path() + ":3"),
                    HasSubstr("unknown setting")));
}

TEST(ConfigErrors, UnknownSectionInFile) {
  const TempToml file("[servers]\nport = 1\n");
  EXPECT_THAT(error_of(file.path()), AllOf(HasSubstr("[servers]"), HasSubstr(file.path())));
}

TEST(ConfigErrors, TopLevelKeyIsNotASection) {
  const TempToml file("port = 8080\n");
  EXPECT_THAT(error_of(file.path()), HasSubstr("port"));
}

TEST(ConfigErrors, WrongTypeInFile) {
  const TempToml file("[server]\nport = \"8080\"\n");
  EXPECT_THAT(error_of(file.path()),
              AllOf(HasSubstr("server.port"), HasSubstr("expected an integer"),
                    HasSubstr("got a string"), HasSubstr(file.path() + ":2")));
  const TempToml flag("[dev]\ntest_mode = \"true\"\n");
  EXPECT_THAT(error_of(flag.path()), AllOf(HasSubstr("dev.test_mode"), HasSubstr("boolean")));
  const TempToml list("[auth]\nsecond_factors = [\"totp\", 1]\n");
  EXPECT_THAT(error_of(list.path()), HasSubstr("auth.second_factors"));
}

TEST(ConfigErrors, IntegerTooLargeForTheField) {
  const TempToml file("[server]\nport = 9999999999\n");
  EXPECT_THAT(error_of(file.path()), AllOf(HasSubstr("server.port"), HasSubstr("out of range")));
}

TEST(ConfigErrors, InvalidTomlSyntax) {
  const TempToml file("[server\nport = 1\n");
  EXPECT_THAT(error_of(file.path()), AllOf(HasSubstr(file.path()), HasSubstr("invalid TOML")));
}

TEST(ConfigErrors, MissingFile) {
  EXPECT_THAT(error_of("/nonexistent/tessera.toml"), HasSubstr("/nonexistent/tessera.toml"));
}

TEST(ConfigErrors, UnknownEnvironmentSetting) {
  EXPECT_THAT(error_of("", {}, {{"TESSERA_AUTH__NOPE", "1"}}),
              AllOf(HasSubstr("auth.nope"), HasSubstr("TESSERA_AUTH__NOPE")));
}

TEST(ConfigErrors, WrongTypeInEnvironment) {
  EXPECT_THAT(error_of("", {}, {{"TESSERA_AUTH__CLIENT_TRUST", "maybe"}}),
              AllOf(HasSubstr("auth.client_trust"), HasSubstr("TESSERA_AUTH__CLIENT_TRUST"),
                    HasSubstr("boolean")));
  EXPECT_THAT(error_of("", {}, {{"TESSERA_SERVER__PORT", "80x"}}), HasSubstr("server.port"));
}

TEST(ConfigErrors, MalformedOrUnknownSet) {
  EXPECT_THAT(error_of("", {"server.port"}), HasSubstr("section.key=value"));
  EXPECT_THAT(error_of("", {"port=1"}), HasSubstr("section.key=value"));
  EXPECT_THAT(error_of("", {"server.prot=1"}), HasSubstr("server.prot"));
}

TEST(ConfigErrors, InvalidValueNamesSettingAndOrigin) {
  const TempToml file("[server]\nport = 70000\n");
  EXPECT_THAT(error_of(file.path()),
              AllOf(HasSubstr("server.port"), HasSubstr("65535"), HasSubstr(file.path() + ":2")));
  EXPECT_THAT(
      error_of("", {}, {{"TESSERA_LIMITS__LOCKOUT_ATTEMPTS", "4"}}),
      AllOf(HasSubstr("limits.lockout_attempts"), HasSubstr("TESSERA_LIMITS__LOCKOUT_ATTEMPTS")));
}

struct InvalidCase {
  std::vector<std::string> overrides;
  std::string setting;
};

class ConfigInvalidValues : public ::testing::TestWithParam<InvalidCase> {};

TEST_P(ConfigInvalidValues, AreRejectedNamingTheSetting) {
  EXPECT_THAT(error_of("", GetParam().overrides), HasSubstr(GetParam().setting));
}

INSTANTIATE_TEST_SUITE_P(
    Rules, ConfigInvalidValues,
    ::testing::Values(
        InvalidCase{{"server.port=-1"}, "server.port"},
        InvalidCase{{"server.host="}, "server.host"},
        InvalidCase{{"server.public_url=localhost:8080"}, "server.public_url"},
        InvalidCase{{"server.allowed_origins=http://a.example/"}, "server.allowed_origins"},
        InvalidCase{{"server.allowed_origins=*"}, "server.allowed_origins"},
        InvalidCase{{"server.io_threads=-1"}, "server.io_threads"},
        InvalidCase{{"server.max_body_bytes=10"}, "server.max_body_bytes"},
        InvalidCase{{"server.publishable_key=pk_test_bG9jYWxob3N0JA"}, "server.publishable_key"},
        InvalidCase{{"server.publishable_key=sk_test_MTI3LjAuMC4xOjgwODAk"},
                    "server.publishable_key"},
        InvalidCase{{"database.url=mysql://db"}, "database.url"},
        InvalidCase{{"auth.application_name="}, "auth.application_name"},
        InvalidCase{{"auth.email_address_enabled=false"}, "auth.email_address_enabled"},
        InvalidCase{{"auth.email_verification=email_link"}, "auth.email_verification"},
        InvalidCase{{"auth.second_factors=totp,sms"}, "auth.second_factors"},
        InvalidCase{{"auth.second_factors=totp,totp"}, "auth.second_factors"},
        InvalidCase{{"auth.second_factors=", "auth.require_mfa=true"}, "auth.require_mfa"},
        InvalidCase{{"auth.password_min_length=7"}, "auth.password_min_length"},
        InvalidCase{{"auth.password_max_length=73"}, "auth.password_max_length"},
        InvalidCase{{"auth.password_min_length=20", "auth.password_max_length=10"},
                    "auth.password_max_length"},
        InvalidCase{{"auth.token_lifetime_seconds=0"}, "auth.token_lifetime_seconds"},
        InvalidCase{{"auth.code_max_attempts=0"}, "auth.code_max_attempts"},
        InvalidCase{{"limits.lockout_attempts=4"}, "limits.lockout_attempts"},
        InvalidCase{{"limits.create_per_10s=0"}, "limits.create_per_10s"},
        InvalidCase{{"email.delivery=sendmail"}, "email.delivery"},
        InvalidCase{{"email.delivery=smtp"}, "email.smtp_url"},
        InvalidCase{{"email.delivery=smtp", "email.smtp_url=http://mail"}, "email.smtp_url"},
        InvalidCase{{"sms.delivery=twilio"}, "sms.delivery"},
        InvalidCase{{"sms.delivery=http"}, "sms.api_url"},
        InvalidCase{{"security.instance_key=c2hvcnQ="}, "security.instance_key"},
        InvalidCase{{"security.instance_key=not base64!"}, "security.instance_key"},
        InvalidCase{{"security.secret_key=pk_test_abcdefghijkl"}, "security.secret_key"},
        InvalidCase{{"security.secret_key=sk_live_short"}, "security.secret_key"}));

TEST(ConfigErrors, InstanceKeyErrorDoesNotEchoTheKey) {
  const std::string secret = "c2VjcmV0LXNob3J0LWtleQ==";
  const std::string message = error_of("", {"security.instance_key=" + secret});
  EXPECT_THAT(message, HasSubstr("security.instance_key"));
  EXPECT_EQ(message.find(secret), std::string::npos);
}

TEST(ConfigErrors, SecretKeyErrorDoesNotEchoTheKeyAndAGoodKeyIsAccepted) {
  const std::string message = error_of("", {"security.secret_key=sk_x_0123456789"});
  EXPECT_THAT(message, HasSubstr("security.secret_key"));
  EXPECT_EQ(message.find("0123456789"), std::string::npos);
  EXPECT_EQ(error_of("", {"security.secret_key=sk_live_0123456789abcdef"}), "");
}

TEST(ConfigErrors, ValidDeliveryChoicesAreAccepted) {
  EXPECT_EQ(error_of("", {"email.delivery=smtp", "email.smtp_url=smtps://mail.example:465",
                          "sms.delivery=http", "sms.api_url=https://sms.example/send"}),
            "");
}

}  // namespace
}  // namespace tessera::config

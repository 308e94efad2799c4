#include "app/user_import/import_line.h"

#include <gtest/gtest.h>

#include <string>

namespace tessera::app {
namespace {

constexpr const char* kBcrypt = "$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW";

ImportedUser parsed(const std::string& line) {
  auto result = parse_import_line(line);
  if (auto* error = std::get_if<ImportLineError>(&result)) {
    ADD_FAILURE() << line << " → " << error->reason;
    return {};
  }
  return std::get<ImportedUser>(result);
}

std::string error_of(const std::string& line) {
  auto result = parse_import_line(line);
  if (auto* error = std::get_if<ImportLineError>(&result)) return error->reason;
  ADD_FAILURE() << line << " was accepted";
  return "";
}

TEST(ImportLine, ClerkBackendApiShape) {
  const auto user = parsed(
      R"({"email_address":["  Ada@Example.COM "],"phone_number":["+1 (555) 555-0100"],)"
      R"("password_digest":")" +
      std::string(kBcrypt) +
      R"(","password_hasher":"bcrypt","first_name":"Ada","last_name":"Lovelace","username":"x"})");
  EXPECT_EQ(user.email, "ada@example.com");
  ASSERT_EQ(user.phones.size(), 1u);
  EXPECT_EQ(user.phones[0], "+15555550100");
  EXPECT_EQ(user.password_hash, kBcrypt);
  EXPECT_EQ(user.first_name, "Ada");
  EXPECT_EQ(user.last_name, "Lovelace");
}

TEST(ImportLine, PluralAndCamelCaseNamesAndStrings) {
  const auto a =
      parsed(R"({"email_addresses":["a@x.com"],"phone_numbers":["+15555550100","+15555550101"],)"
             R"("password_digest":")" +
             std::string(kBcrypt) + R"(","password_hasher":"bcrypt"})");
  EXPECT_EQ(a.email, "a@x.com");
  EXPECT_EQ(a.phones.size(), 2u);
  const auto b = parsed(R"({"email":"b@x.com","firstName":"B","lastName":null,"passwordDigest":")" +
                        std::string(kBcrypt) + R"(","passwordHasher":"bcrypt","phone":null})");
  EXPECT_EQ(b.email, "b@x.com");
  EXPECT_EQ(b.first_name, "B");
  EXPECT_EQ(b.last_name, "");
  EXPECT_TRUE(b.phones.empty());
}

TEST(ImportLine, DigestsAreStoredInTheirSelfDescribingForm) {
  const auto pbkdf2 = parsed(
      R"({"email_address":"p@x.com","password_hasher":"pbkdf2_sha256","password_digest":)"
      R"("pbkdf2_sha256$1$c2FsdA==$VawEblbjCJ/sFpHCJUS2BflBhSFt3gRl5oudV8INrLxJypzM8Xm2RZkWZLOdd+8xfHG4RbHjC9UJESBB06GXgw=="})");
  EXPECT_TRUE(pbkdf2.password_hash.starts_with("$pbkdf2-sha256$1$c2FsdA$")) << pbkdf2.password_hash;
  const auto firebase = parsed(
      R"({"email_address":"f@x.com","password_hasher":"scrypt_firebase","password_digest":)"
      R"("lSrfV15cpx95/sZS2W9c9Kp6i/LVgQNDNC/qzrCnh1SAyZvqmZqAjTdn3aoItz+VHjoZilo78198JAdRuid5lQ==$42xEC+ixf3L2lw==$)"
      R"(jxspr8Ki0RYycVU8zykbdLGjFQ3McFUH0uiiTvC8pVMXAn210wjLNmdZJzxUECKbm0QsEmYUSDzZvpjeJ9WmXA==$Bw==$8$14"})");
  EXPECT_TRUE(firebase.password_hash.starts_with("$scrypt-firebase$r=8,m=14$"));
}

TEST(ImportLine, BadLinesSayWhyWithoutTheDigest) {
  const std::string digest = std::string(R"("password_digest":")") + kBcrypt + R"(")";
  EXPECT_EQ(error_of("{not json"), "invalid JSON");
  EXPECT_EQ(error_of("[1,2]"), "not a JSON object");
  EXPECT_EQ(error_of("{" + digest + R"(,"password_hasher":"bcrypt"})"), "email_address missing");
  EXPECT_EQ(error_of(R"({"email_address":"nope",)" + digest + R"(,"password_hasher":"bcrypt"})"),
            "invalid email address");
  EXPECT_EQ(error_of(R"({"email_address":["a@x.com","b@x.com"],)" + digest +
                     R"(,"password_hasher":"bcrypt"})"),
            "more than one email address (only one is imported)");
  EXPECT_EQ(error_of(R"({"email_address":42,)" + digest + R"(,"password_hasher":"bcrypt"})"),
            "email_address must be a string or an array");
  EXPECT_EQ(error_of(R"({"email_address":"a@x.com","phone_number":"12",)" + digest +
                     R"(,"password_hasher":"bcrypt"})"),
            "invalid phone number");
  EXPECT_EQ(error_of(R"({"email_address":"a@x.com",)" + digest + "}"), "password_hasher missing");
  EXPECT_EQ(error_of(R"({"email_address":"a@x.com","password_hasher":"bcrypt"})"),
            "password_digest missing");
  EXPECT_EQ(error_of(R"({"email_address":"a@x.com","password":"hunter2"})"),
            "plain-text passwords are not imported (give password_digest)");
  const std::string md5 = error_of(
      R"({"email_address":"a@x.com","password_digest":"5f4dcc3b5aa765d61d8327deb882cf99","password_hasher":"md5"})");
  EXPECT_TRUE(md5.starts_with("unsupported password_hasher")) << md5;
  const std::string wrong = error_of(
      R"({"email_address":"a@x.com","password_digest":"$2b$05$tooshort","password_hasher":"bcrypt"})");
  EXPECT_EQ(wrong, "password_digest is not a valid bcrypt digest");
  EXPECT_EQ(wrong.find("tooshort"), std::string::npos);
  EXPECT_EQ(error_of(R"({"email_address":"a@x.com","first_name":7,)" + digest +
                     R"(,"password_hasher":"bcrypt"})"),
            "first_name must be a string");
}

}  // namespace
}  // namespace tessera::app

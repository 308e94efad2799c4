#include "delivery/sms_request.h"

#include <gtest/gtest.h>

#include "delivery/delivery_error.h"
#include "delivery/json_field.h"
#include "delivery/sms_response.h"

namespace tessera::delivery {
namespace {

config::SmsConfig provider() {
  return {.delivery = "http",
          .api_url = "https://api.twilio.test/",
          .account_sid = "AC123",
          .auth_token = "tok3n",
          .from = "+15550001111"};
}

auth::CodeMessage code() {
  return {.to = "+15555550100",
          .code = "654321",
          .purpose = auth::CodePurpose::second_factor,
          .application_name = "Acme & Co"};
}

TEST(SmsRequest, BuildsTheMessagesApiCall) {
  const SmsRequest request = build_sms_request(provider(), code());
  EXPECT_EQ(request.url, "https://api.twilio.test/2010-04-01/Accounts/AC123/Messages.json");
  EXPECT_EQ(request.body,
            "To=%2B15555550100&From=%2B15550001111"
            "&Body=654321%20is%20your%20Acme%20%26%20Co%20verification%20code.");
  EXPECT_EQ(request.authorization, "Basic QUMxMjM6dG9rM24=");  // base64("AC123:tok3n")
}

TEST(SmsRequest, TextIsShortAndStartsWithTheCode) {
  EXPECT_EQ(sms_text(code()), "654321 is your Acme & Co verification code.");
  auth::CodeMessage unnamed = code();
  unnamed.application_name = "";
  EXPECT_EQ(sms_text(unnamed), "654321 is your Tessera verification code.");
}

TEST(SmsRequest, EncodesTheAccountInThePath) {
  config::SmsConfig odd = provider();
  odd.account_sid = "AC/../x";
  odd.api_url = "http://127.0.0.1:8080";
  EXPECT_EQ(build_sms_request(odd, code()).url,
            "http://127.0.0.1:8080/2010-04-01/Accounts/AC%2F..%2Fx/Messages.json");
}

TEST(SmsRequest, RejectsControlCharactersAndEmptyRecipients) {
  auth::CodeMessage bad = code();
  for (const char* to : {"", "+1555\r\n", "+1555\x01"}) {
    bad.to = to;
    EXPECT_THROW(build_sms_request(provider(), bad), DeliveryError);
  }
  config::SmsConfig unset = provider();
  unset.account_sid = "";
  EXPECT_THROW(build_sms_request(unset, code()), DeliveryError);
}

TEST(UrlEncode, KeepsOnlyUnreserved) {
  EXPECT_EQ(url_encode("aZ09-._~ +&=/é"), "aZ09-._~%20%2B%26%3D%2F%C3%A9");
}

TEST(SmsResponse, AcceptsCreatedAndOk) {
  EXPECT_NO_THROW(check_sms_response(201, R"({"sid":"SM1","status":"queued"})", {}));
  EXPECT_NO_THROW(check_sms_response(200, "", {}));
}

std::string failure(long status, std::string_view body, std::vector<std::string_view> secrets) {
  try {
    check_sms_response(status, body, secrets);
  } catch (const DeliveryError& error) {
    return error.what();
  }
  return "no error";
}

TEST(SmsResponse, ReportsStatusAndProviderMessage) {
  EXPECT_EQ(failure(401, R"({"code": 20003, "message": "Authenticate", "status": 401})", {}),
            "SMS provider answered HTTP 401: Authenticate");
  EXPECT_EQ(failure(500, "<html>oops</html>", {}), "SMS provider answered HTTP 500");
  EXPECT_EQ(failure(400, R"({"message": "bad\nline"})", {}),
            "SMS provider answered HTTP 400: bad line");
}

TEST(SmsResponse, NeverRepeatsTheCodeOrToken) {
  const std::string text = failure(
      400, R"({"message": "Body '654321 is your code' rejected for tok3n"})", {"654321", "tok3n"});
  EXPECT_EQ(text.find("654321"), std::string::npos);
  EXPECT_EQ(text.find("tok3n"), std::string::npos);
  EXPECT_NE(text.find("[redacted]"), std::string::npos);
}

TEST(SmsResponse, CutsLongMessages) {
  const std::string body = R"({"message": ")" + std::string(1000, 'x') + R"("})";
  EXPECT_LT(failure(400, body, {}).size(), 260u);
}

TEST(JsonField, ReadsTopLevelStrings) {
  EXPECT_EQ(json_string_field(R"({"a": {"message": "inner"}, "message": "outer"})", "message"),
            "outer");
  EXPECT_EQ(json_string_field(
                R"({"list": [1, "message", {"x": null}], "message": "\u00e9\n\"x\""})", "message"),
            "é\n\"x\"");
  EXPECT_EQ(json_string_field(R"({"message": "\ud83d\ude00"})", "message"), "\xF0\x9F\x98\x80");
  EXPECT_EQ(json_string_field(R"({"n": -1.5e3, "t": true, "message": "m"})", "message"), "m");
}

TEST(JsonField, NothingForOtherShapes) {
  EXPECT_EQ(json_string_field(R"({"message": 5})", "message"), std::nullopt);
  EXPECT_EQ(json_string_field(R"(["message"])", "message"), std::nullopt);
  EXPECT_EQ(json_string_field(R"({"message": "unterminated)", "message"), std::nullopt);
  EXPECT_EQ(json_string_field("", "message"), std::nullopt);
  EXPECT_EQ(json_string_field("{}", "message"), std::nullopt);
  EXPECT_EQ(json_string_field(std::string(200, '['), "message"), std::nullopt);
  EXPECT_EQ(
      json_string_field(R"({"a": )" + std::string(200, '[') + R"(, "message": "x"})", "message"),
      std::nullopt);  // nesting limit
}

}  // namespace
}  // namespace tessera::delivery

// parse_request_form: a form body as the SDKs send it, or a flat JSON object.
#include "http/request_form.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace tessera::http {
namespace {

using Pair = std::pair<std::string, std::string>;
using ::testing::ElementsAre;

Request post(std::string body, std::string content_type) {
  return make_request("POST", "/v1/client/sign_ins", std::move(body),
                      {{"content-type", std::move(content_type)}});
}

TEST(RequestForm, FormBodiesAreDecoded) {
  const auto form = parse_request_form(
      post("identifier=a%40b.co&password=x+y", "application/x-www-form-urlencoded"));
  ASSERT_TRUE(form);
  EXPECT_THAT(*form, ElementsAre(Pair{"identifier", "a@b.co"}, Pair{"password", "x y"}));
}

TEST(RequestForm, AnEmptyBodyHasNoParameters) {
  const auto form = parse_request_form(post("", "application/json"));
  ASSERT_TRUE(form);
  EXPECT_TRUE(form->empty());
}

TEST(RequestForm, AJsonObjectGivesItsMembersAsValues) {
  const auto form = parse_request_form(
      post(R"({"identifier":"a@b.co","reserved_for_second_factor":true,"n":3,"gone":null,)"
           R"("unsafe_metadata":{"plan":"pro"}})",
           "Application/JSON; charset=utf-8"));
  ASSERT_TRUE(form);
  EXPECT_EQ(form_value(*form, "identifier"), "a@b.co");
  EXPECT_EQ(form_value(*form, "reserved_for_second_factor"), "true");
  EXPECT_EQ(form_value(*form, "n"), "3");
  EXPECT_EQ(form_value(*form, "gone"), std::nullopt);
  EXPECT_EQ(form_value(*form, "unsafe_metadata"), R"({"plan":"pro"})");
}

TEST(RequestForm, MalformedBodiesAreRefusedInTheirDeclaredType) {
  EXPECT_FALSE(parse_request_form(post(R"({"identifier":)", "application/json")));
  EXPECT_FALSE(parse_request_form(post(R"(["identifier"])", "application/json")));
  EXPECT_FALSE(parse_request_form(post("\"text\"", "application/json")));
  EXPECT_FALSE(parse_request_form(post("{\"a\":\"\xff\"}", "application/json")));  // not UTF-8
  EXPECT_FALSE(parse_request_form(post("a=%zz", "application/x-www-form-urlencoded")));
}

TEST(RequestForm, WithoutAContentTypeTheBodyIsAForm) {
  const auto form = parse_request_form(make_request("POST", "/v1/x", "strategy=totp"));
  ASSERT_TRUE(form);
  EXPECT_EQ(form_value(*form, "strategy"), "totp");
}

}  // namespace
}  // namespace tessera::http

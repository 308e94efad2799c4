#include "http/cookies.h"

#include <gtest/gtest.h>

#include <stdexcept>

namespace tessera::http {
namespace {

TEST(ParseCookieHeader, SplitsTrimsAndUnquotes) {
  auto cookies = parse_cookie_header("__client=abc.def;  __client_uat=0 ;quoted=\"v 1\"");
  EXPECT_EQ(cookies.size(), 3u);
  EXPECT_EQ(cookies["__client"], "abc.def");
  EXPECT_EQ(cookies["__client_uat"], "0");
  EXPECT_EQ(cookies["quoted"], "v 1");
}

TEST(ParseCookieHeader, FirstOccurrenceWins) {
  auto cookies = parse_cookie_header("a=1; a=2");
  EXPECT_EQ(cookies["a"], "1");
}

TEST(ParseCookieHeader, SkipsMalformedPairs) {
  auto cookies = parse_cookie_header("novalue; =nameless; bad name=x; ok=1;; ;empty=");
  EXPECT_EQ(cookies.size(), 2u);
  EXPECT_EQ(cookies["ok"], "1");
  EXPECT_EQ(cookies["empty"], "");
  EXPECT_TRUE(parse_cookie_header("").empty());
}

TEST(ParseCookieHeader, ValueMayContainEquals) {
  EXPECT_EQ(parse_cookie_header("jwt=a=b==")["jwt"], "a=b==");
}

TEST(SetCookie, DefaultsAreHttpOnlyLaxRootPath) {
  SetCookie cookie{.name = "__client", .value = "tok"};
  EXPECT_EQ(cookie.to_string(), "__client=tok; Path=/; HttpOnly; SameSite=Lax");
}

TEST(SetCookie, RendersAllAttributes) {
  SetCookie cookie{.name = "__client_uat",
                   .value = "1700000000",
                   .path = "/",
                   .domain = "example.com",
                   .same_site = "None",
                   .max_age_seconds = 3600,
                   .http_only = false,
                   .secure = true};
  EXPECT_EQ(cookie.to_string(),
            "__client_uat=1700000000; Path=/; Domain=example.com; Max-Age=3600; Secure; "
            "SameSite=None");
}

TEST(SetCookie, DeletionAndOmittedAttributes) {
  SetCookie cookie{
      .name = "__client", .value = "", .path = "", .same_site = "", .max_age_seconds = -5};
  EXPECT_EQ(cookie.to_string(), "__client=; Max-Age=0; HttpOnly");
}

TEST(SetCookie, RejectsHeaderInjection) {
  EXPECT_THROW((SetCookie{.name = "a", .value = "x\r\nSet-Cookie: evil=1"}.to_string()),
               std::invalid_argument);
  EXPECT_THROW((SetCookie{.name = "a", .value = "x; Domain=evil.com"}.to_string()),
               std::invalid_argument);
  EXPECT_THROW((SetCookie{.name = "bad name", .value = "x"}.to_string()), std::invalid_argument);
  EXPECT_THROW((SetCookie{.name = "a", .value = "x", .domain = "e.com; Secure"}.to_string()),
               std::invalid_argument);
}

}  // namespace
}  // namespace tessera::http

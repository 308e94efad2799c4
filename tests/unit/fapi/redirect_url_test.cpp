#include "fapi/redirect_url.h"

#include <gtest/gtest.h>

#include "auth/error.h"

namespace tessera::fapi {
namespace {

std::string error_code_of(std::string_view url) {
  try {
    parse_redirect_url(url);
  } catch (const auth::AuthError& e) {
    return e.code;
  }
  return "";
}

TEST(RedirectUrl, AbsoluteHttpUrlsGiveTheirOrigin) {
  const auto r = parse_redirect_url("http://localhost:3000/dashboard?tab=1#top");
  EXPECT_EQ(r.scheme, "http");
  EXPECT_EQ(r.host, "localhost");
  EXPECT_EQ(r.origin, "http://localhost:3000");
  EXPECT_EQ(parse_redirect_url("HTTPS://App.Example.com/").origin, "https://app.example.com");
}

TEST(RedirectUrl, RelativeMalformedOrForeignSchemesAreRefused) {
  EXPECT_EQ(error_code_of("/dashboard"), "invalid_redirect_url");
  EXPECT_EQ(error_code_of("//evil.example/"), "invalid_redirect_url");
  EXPECT_EQ(error_code_of("http://exa mple.com/"), "invalid_redirect_url");
  EXPECT_EQ(error_code_of("http://user:pw@example.com/"), "invalid_redirect_url");
  EXPECT_EQ(error_code_of("http:///path"), "invalid_redirect_url");
  EXPECT_EQ(error_code_of("http://localhost:3000.evil.example/"), "invalid_redirect_url");
  EXPECT_EQ(error_code_of("javascript:alert(1)"), "prohibited_redirect_url");
  EXPECT_EQ(error_code_of("data:text/html,hi"), "prohibited_redirect_url");
}

TEST(RedirectUrl, QueryParametersAreAddedOrReplaced) {
  EXPECT_EQ(with_query_param("http://localhost:3000/", "__clerk_handshake", "a.b.c"),
            "http://localhost:3000/?__clerk_handshake=a.b.c");
  EXPECT_EQ(with_query_param("http://localhost:3000/p?x=1&__clerk_handshake=old#f",
                             "__clerk_handshake", "new"),
            "http://localhost:3000/p?x=1&__clerk_handshake=new#f");
}

}  // namespace
}  // namespace tessera::fapi

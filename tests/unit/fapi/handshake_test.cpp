#include "fapi/handshake.h"

#include <gtest/gtest.h>

namespace tessera::fapi {
namespace {

TEST(HandshakeDirectives, SignedInSetsTheSessionTokenAndTheClientsUpdateTime) {
  const auto lines = handshake_directives({"eyJ.token.sig", 1700000000, ""}, {});
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0], "__session=eyJ.token.sig; Path=/; Max-Age=31536000; SameSite=Lax");
  EXPECT_EQ(lines[1], "__client_uat=1700000000; Path=/; Max-Age=31536000; SameSite=Lax");
}

TEST(HandshakeDirectives, SignedOutRemovesTheSessionAndSaysZero) {
  const auto lines = handshake_directives({"", 1700000000, ""}, {});
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0], "__session=; Path=/; Max-Age=0; SameSite=Lax");
  EXPECT_EQ(lines[1], "__client_uat=0; Path=/; Max-Age=31536000; SameSite=Lax");
}

TEST(HandshakeDirectives, DevelopmentKeepsTheDevBrowserAndSuffixedNamesComeFirst) {
  HandshakeCookieOptions options;
  options.suffix = "QvfNY2dr";
  options.secure = true;
  const auto lines = handshake_directives({"t", 5, "db123"}, options);
  ASSERT_EQ(lines.size(), 6u);
  EXPECT_EQ(lines[0], "__session_QvfNY2dr=t; Path=/; Max-Age=31536000; Secure; SameSite=Lax");
  EXPECT_EQ(lines[1], "__session=t; Path=/; Max-Age=31536000; Secure; SameSite=Lax");
  EXPECT_EQ(lines[4],
            "__clerk_db_jwt_QvfNY2dr=db123; Path=/; Max-Age=31536000; Secure; SameSite=Lax");
  EXPECT_EQ(lines[5], "__clerk_db_jwt=db123; Path=/; Max-Age=31536000; Secure; SameSite=Lax");
}

TEST(SharedCookieDomain, SiblingHostsShareTheirParent) {
  EXPECT_EQ(shared_cookie_domain("auth.example.com", "app.example.com"), "example.com");
  EXPECT_EQ(shared_cookie_domain("clerk.example.com", "example.com"), "example.com");
  EXPECT_EQ(shared_cookie_domain("Auth.Example.COM", "www.example.com"), "example.com");
  EXPECT_EQ(shared_cookie_domain("a.b.example.org", "c.b.example.org"), "b.example.org");
}

TEST(SharedCookieDomain, NothingForTheSameHostIpsOrUnrelatedSites) {
  EXPECT_EQ(shared_cookie_domain("localhost", "localhost"), std::nullopt);
  EXPECT_EQ(shared_cookie_domain("127.0.0.1", "127.0.0.2"), std::nullopt);
  EXPECT_EQ(shared_cookie_domain("auth.example.com", "app.other.com"), std::nullopt);  // "com"
  EXPECT_EQ(shared_cookie_domain("xample.com", "example.com"), std::nullopt);  // not a label
  EXPECT_EQ(shared_cookie_domain("a.localhost", "b.localhost"), std::nullopt);
  EXPECT_EQ(shared_cookie_domain("[::1]", "localhost"), std::nullopt);
}

}  // namespace
}  // namespace tessera::fapi

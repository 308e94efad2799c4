#include "fapi/cors.h"

#include <gtest/gtest.h>

namespace tessera::fapi {
namespace {

TEST(OriginMatches, ExactOriginsMatchOnlyThemselves) {
  EXPECT_TRUE(origin_matches("https://app.example.com", "https://app.example.com"));
  EXPECT_FALSE(origin_matches("https://app.example.com", "https://app.example.com:8443"));
  EXPECT_FALSE(origin_matches("https://app.example.com", "http://app.example.com"));
  EXPECT_FALSE(origin_matches("https://app.example.com", "https://app.example.com.evil.test"));
}

TEST(OriginMatches, PortWildcardMatchesAnyPortOfThatHostOnly) {
  EXPECT_TRUE(origin_matches("http://localhost:*", "http://localhost:3000"));
  EXPECT_TRUE(origin_matches("http://localhost:*", "http://localhost:8080"));
  EXPECT_FALSE(origin_matches("http://localhost:*", "http://localhost"));
  EXPECT_FALSE(origin_matches("http://localhost:*", "http://localhost:3000.evil.test"));
  EXPECT_FALSE(origin_matches("http://localhost:*", "http://localhost.evil.test:3000"));
  EXPECT_FALSE(origin_matches("http://localhost:*", "https://localhost:3000"));
}

TEST(CorsHeaders, EchoTheAllowedOriginWithCredentials) {
  auto request = http::make_request("GET", "/v1/client", "", {{"origin", "http://localhost:3000"}});
  http::Response response;
  add_cors_headers({"http://localhost:*"}, request, response);
  EXPECT_EQ(response.header("Access-Control-Allow-Origin"), "http://localhost:3000");
  EXPECT_EQ(response.header("Access-Control-Allow-Credentials"), "true");
}

TEST(CorsHeaders, NothingForOtherOrigins) {
  auto request = http::make_request("GET", "/v1/client", "", {{"origin", "https://evil.test"}});
  http::Response response;
  add_cors_headers({"http://localhost:*"}, request, response);
  EXPECT_FALSE(response.header("Access-Control-Allow-Origin"));
  EXPECT_EQ(response.header("Vary"), "Origin");
}

}  // namespace
}  // namespace tessera::fapi

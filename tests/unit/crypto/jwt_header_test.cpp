#include "crypto/jwt_header.h"

#include <gtest/gtest.h>

namespace tessera::crypto {
namespace {

TEST(JsonTopLevelString, FindsAStringMember) {
  EXPECT_EQ(json_top_level_string(R"({"alg":"RS256","typ":"JWT"})", "alg"), "RS256");
  EXPECT_EQ(json_top_level_string(R"({"typ":"JWT","alg":"RS256"})", "alg"), "RS256");
  EXPECT_EQ(json_top_level_string(" {\n \"alg\" :\t\"RS256\" } ", "alg"), "RS256");
  EXPECT_EQ(json_top_level_string(R"({"kid":"a\"b","alg":"RS256"})", "kid"), R"(a\"b)");
}

TEST(JsonTopLevelString, SkipsNestedValuesAndOtherTypes) {
  EXPECT_EQ(
      json_top_level_string(
          R"({"x":{"alg":"none","y":[1,{"z":"}"}]},"n":-1.5e3,"b":true,"alg":"RS256"})", "alg"),
      "RS256");
  EXPECT_FALSE(json_top_level_string(R"({"x":{"alg":"RS256"}})", "alg"));
}

TEST(JsonTopLevelString, RefusesAmbiguousOrMalformedText) {
  EXPECT_FALSE(json_top_level_string(R"({"alg":"RS256","alg":"none"})", "alg"));
  EXPECT_FALSE(json_top_level_string(R"({"alg":1})", "alg"));
  EXPECT_FALSE(json_top_level_string(R"({"alg":"RS256")", "alg"));
  EXPECT_FALSE(json_top_level_string(R"({"alg":"RS256"} x)", "alg"));
  EXPECT_FALSE(json_top_level_string(R"({"alg" "RS256"})", "alg"));
  EXPECT_FALSE(json_top_level_string(R"({"a":1 "alg":"RS256"})", "alg"));
  EXPECT_FALSE(json_top_level_string(R"(["alg","RS256"])", "alg"));
  EXPECT_FALSE(json_top_level_string(R"({"alg":"RS256\)", "alg"));
  EXPECT_FALSE(json_top_level_string("", "alg"));
  EXPECT_FALSE(json_top_level_string("{}", "alg"));
}

}  // namespace
}  // namespace tessera::crypto

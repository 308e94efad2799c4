#include "http/form.h"

#include <gtest/gtest.h>

namespace tessera::http {
namespace {

TEST(ParseUrlencoded, DecodesPlusAndPercentEscapes) {
  auto form = parse_urlencoded("identifier=a+b%40example.com&password=p%26ss%3Dw%2Bd&empty=");
  ASSERT_TRUE(form);
  EXPECT_EQ(form_value(*form, "identifier"), "a b@example.com");
  EXPECT_EQ(form_value(*form, "password"), "p&ss=w+d");
  EXPECT_EQ(form_value(*form, "empty"), "");
  EXPECT_EQ(form_value(*form, "missing"), std::nullopt);
}

TEST(ParseUrlencoded, KeepsOrderAndRepeatedKeysFirstValueWins) {
  auto form = parse_urlencoded("strategy=password&code=1&code=2");
  ASSERT_TRUE(form);
  ASSERT_EQ(form->size(), 3u);
  EXPECT_EQ((*form)[2], (std::pair<std::string, std::string>{"code", "2"}));
  EXPECT_EQ(form_value(*form, "code"), "1");
}

TEST(ParseUrlencoded, EmptyBodyAndEmptyPairsAndKeysWithoutValue) {
  EXPECT_EQ(parse_urlencoded("")->size(), 0u);
  auto form = parse_urlencoded("&a=1&&flag&");
  ASSERT_TRUE(form);
  ASSERT_EQ(form->size(), 2u);
  EXPECT_EQ(form_value(*form, "flag"), "");
}

TEST(ParseUrlencoded, DecodesUtf8AndJsonValues) {
  auto form = parse_urlencoded("name=J%C3%B6rg&unsafe_metadata=%7B%22a%22%3A1%7D");
  ASSERT_TRUE(form);
  EXPECT_EQ(form_value(*form, "name"), "J\xC3\xB6rg");
  EXPECT_EQ(form_value(*form, "unsafe_metadata"), R"({"a":1})");
}

TEST(ParseUrlencoded, RejectsMalformedEscapes) {
  EXPECT_FALSE(parse_urlencoded("a=%zz"));
  EXPECT_FALSE(parse_urlencoded("a=%4"));
  EXPECT_FALSE(parse_urlencoded("a=100%"));
  EXPECT_FALSE(parse_urlencoded("%g1=x"));
}

TEST(ParseUrlencoded, RejectsInvalidUtf8AfterDecoding) {
  EXPECT_FALSE(parse_urlencoded("a=%FF"));
  EXPECT_FALSE(parse_urlencoded("a=%C3"));          // truncated sequence
  EXPECT_FALSE(parse_urlencoded("a=%C0%AF"));       // overlong '/'
  EXPECT_FALSE(parse_urlencoded("a=%ED%A0%80"));    // surrogate
  EXPECT_FALSE(parse_urlencoded("%FE=1"));          // in the key too
  EXPECT_TRUE(parse_urlencoded("a=%F0%9F%94%91"));  // 🔑
}

TEST(PercentDecode, LenientKeepsMalformedEscapes) {
  EXPECT_EQ(percent_decode("a%20b%zz%"), "a b%zz%");
  EXPECT_EQ(percent_decode("a+b"), "a+b");
  EXPECT_EQ(percent_decode("a+b", true), "a b");
  EXPECT_EQ(try_percent_decode("%41%42"), "AB");
  EXPECT_FALSE(try_percent_decode("%4"));
}

TEST(UrlEncode, EncodesAllButUnreservedAndRoundTrips) {
  EXPECT_EQ(url_encode("a b&c=d/é~._-"), "a%20b%26c%3Dd%2F%C3%A9~._-");
  FormData form = {{"email address", "x+y@z.com"}, {"k", "a&b=c"}};
  EXPECT_EQ(parse_urlencoded(encode_urlencoded(form)), form);
}

}  // namespace
}  // namespace tessera::http

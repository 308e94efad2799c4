#include "crypto/encoding.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace tessera::crypto {
namespace {

using Vector = std::pair<std::string, std::string>;  // bytes, encoding

// RFC 4648 §10.
const std::vector<Vector> kBase64Vectors = {{"", ""},
                                            {"f", "Zg=="},
                                            {"fo", "Zm8="},
                                            {"foo", "Zm9v"},
                                            {"foob", "Zm9vYg=="},
                                            {"fooba", "Zm9vYmE="},
                                            {"foobar", "Zm9vYmFy"}};
const std::vector<Vector> kBase32Vectors = {{"", ""},
                                            {"f", "MY======"},
                                            {"fo", "MZXQ===="},
                                            {"foo", "MZXW6==="},
                                            {"foob", "MZXW6YQ="},
                                            {"fooba", "MZXW6YTB"},
                                            {"foobar", "MZXW6YTBOI======"}};

std::string without_padding(std::string s) {
  while (!s.empty() && s.back() == '=') s.pop_back();
  return s;
}

TEST(Base64, Rfc4648Vectors) {
  for (const auto& [bytes, encoded] : kBase64Vectors) {
    EXPECT_EQ(base64_encode(bytes), encoded);
    EXPECT_EQ(base64_decode(encoded), bytes) << encoded;
  }
}

TEST(Base64, RejectsMalformedText) {
  EXPECT_FALSE(base64_decode("Zg"));    // padding required
  EXPECT_FALSE(base64_decode("Zg=a"));  // padding only at the end
  EXPECT_FALSE(base64_decode("Z==="));  // at most two padding characters
  EXPECT_FALSE(base64_decode("Zm9v!A=="));
  EXPECT_FALSE(base64_decode("Zh=="));  // non-zero leftover bits
  EXPECT_FALSE(base64_decode("Zm-_"));  // url alphabet
}

TEST(Base64Url, UsesUrlAlphabetWithoutPadding) {
  const std::string bytes("\xfb\xff\xbf", 3);
  EXPECT_EQ(base64_encode(bytes), "+/+/");
  EXPECT_EQ(base64url_encode(bytes), "-_-_");
  EXPECT_EQ(base64url_decode("-_-_"), bytes);
  EXPECT_FALSE(base64url_decode("+/+/"));
  for (const auto& [bytes_, encoded] : kBase64Vectors) {
    EXPECT_EQ(base64url_encode(bytes_), without_padding(encoded));
    EXPECT_EQ(base64url_decode(without_padding(encoded)), bytes_);
    EXPECT_EQ(base64url_decode(encoded), bytes_) << "padding is optional";
  }
}

TEST(Base64Url, RejectsImpossibleLengthsAndBadPadding) {
  EXPECT_FALSE(base64url_decode("Z"));
  EXPECT_FALSE(base64url_decode("Zm9vY"));
  EXPECT_FALSE(base64url_decode("Zg="));  // padding, if any, must be complete
}

TEST(Base64, RoundTripsAllByteValues) {
  std::string bytes;
  for (int i = 0; i < 256; ++i) bytes.push_back(static_cast<char>(i));
  for (std::size_t n = 0; n <= bytes.size(); n += 37) {
    const std::string slice = bytes.substr(0, n);
    EXPECT_EQ(base64_decode(base64_encode(slice)), slice);
    EXPECT_EQ(base64url_decode(base64url_encode(slice)), slice);
    EXPECT_EQ(base32_decode(base32_encode(slice)), slice);
  }
}

TEST(Base32, Rfc4648Vectors) {
  for (const auto& [bytes, encoded] : kBase32Vectors) {
    EXPECT_EQ(base32_encode(bytes), without_padding(encoded));
    EXPECT_EQ(base32_decode(encoded), bytes) << encoded;
    EXPECT_EQ(base32_decode(without_padding(encoded)), bytes) << encoded;
  }
}

TEST(Base32, DecodingToleratesCaseSpacesAndPadding) {
  EXPECT_EQ(base32_decode("mzxw 6ytb oi"), "foobar");
  EXPECT_EQ(base32_decode("MZXW6ytb\tOI==\n"), "foobar");
  EXPECT_EQ(base32_decode("GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ"), "12345678901234567890");
}

TEST(Base32, RejectsCharactersOutsideTheAlphabet) {
  EXPECT_FALSE(base32_decode("MZXW1YTB"));  // '1' is not base32
  EXPECT_FALSE(base32_decode("MZXW8YTB"));
  EXPECT_FALSE(base32_decode("M"));  // a lone character carries no byte
}

TEST(Hex, LowerCase) {
  EXPECT_EQ(hex_encode("foobar"), "666f6f626172");
  EXPECT_EQ(hex_encode(std::string("\x00\xff", 2)), "00ff");
  EXPECT_EQ(hex_encode(""), "");
}

}  // namespace
}  // namespace tessera::crypto

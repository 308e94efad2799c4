#include "crypto/secret_box.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "crypto/encoding.h"
#include "crypto/random_bytes.h"

namespace tessera::crypto {
namespace {

class SecretBoxTest : public ::testing::Test {
 protected:
  SecretBox box_{random_bytes(32)};
};

TEST_F(SecretBoxTest, RoundTrips) {
  const std::string sealed = box_.seal("JBSWY3DPEHPK3PXP", "user_1");
  EXPECT_TRUE(sealed.starts_with("v1."));
  EXPECT_EQ(sealed.find("JBSWY3DPEHPK3PXP"), std::string::npos);
  EXPECT_EQ(box_.open(sealed, "user_1"), "JBSWY3DPEHPK3PXP");
}

TEST_F(SecretBoxTest, RoundTripsEmptyAndBinaryPlaintext) {
  EXPECT_EQ(box_.open(box_.seal("")), "");
  const std::string binary("\x00\x01\xff\x00", 4);
  EXPECT_EQ(box_.open(box_.seal(binary, "ctx"), "ctx"), binary);
}

TEST_F(SecretBoxTest, UsesAFreshNonceEachTime) { EXPECT_NE(box_.seal("same"), box_.seal("same")); }

TEST_F(SecretBoxTest, AnyTamperedByteFailsToOpen) {
  const std::string sealed = box_.seal("secret value", "user_1");
  std::string raw = *base64url_decode(sealed.substr(3));
  for (std::size_t i = 0; i < raw.size(); ++i) {
    std::string tampered = raw;
    tampered[i] = static_cast<char>(tampered[i] ^ 0x01);
    EXPECT_FALSE(box_.open("v1." + base64url_encode(tampered), "user_1")) << "byte " << i;
  }
}

TEST_F(SecretBoxTest, WrongAssociatedDataFailsToOpen) {
  const std::string sealed = box_.seal("secret value", "user_1");
  EXPECT_FALSE(box_.open(sealed, "user_2"));
  EXPECT_FALSE(box_.open(sealed));
}

TEST_F(SecretBoxTest, WrongKeyFailsToOpen) {
  const SecretBox other(random_bytes(32));
  EXPECT_FALSE(other.open(box_.seal("secret value")));
}

TEST_F(SecretBoxTest, MalformedInputFailsToOpen) {
  const std::string sealed = box_.seal("secret value");
  EXPECT_FALSE(box_.open(""));
  EXPECT_FALSE(box_.open("v1."));
  EXPECT_FALSE(box_.open("v2." + sealed.substr(3)));
  EXPECT_FALSE(box_.open(sealed.substr(3)));
  EXPECT_FALSE(box_.open("v1.!!!!"));
  EXPECT_FALSE(
      box_.open("v1." + base64url_encode(std::string(27, 'x'))));  // shorter than nonce+tag
  EXPECT_FALSE(box_.open(sealed.substr(0, sealed.size() - 4)));
}

TEST(SecretBox, RequiresA32ByteKey) {
  EXPECT_THROW(SecretBox(std::string(31, 'k')), std::invalid_argument);
  EXPECT_THROW(SecretBox(std::string(33, 'k')), std::invalid_argument);
  EXPECT_NO_THROW(SecretBox(std::string(32, 'k')));
}

}  // namespace
}  // namespace tessera::crypto

// Email and phone identifiers: normalising, validating, masking, Clerk's test identifiers.
#include "auth/identifiers.h"

#include <gtest/gtest.h>

namespace tessera::auth {
namespace {

TEST(NormalizeEmail, TrimsAndLowerCases) {
  EXPECT_EQ(normalize_email("  Zoe.Smith@Example.COM\t\n"), "zoe.smith@example.com");
  EXPECT_EQ(normalize_email("zoe@example.com"), "zoe@example.com");
  EXPECT_EQ(normalize_email("   "), "");
}

TEST(IsValidEmail, AcceptsPracticalAddresses) {
  for (const auto* email : {"zoe@example.com", "zoe.smith+tag@mail.example.co.uk", "a@b.io",
                            "first_last-1@sub-domain.example.org", "zoe+clerk_test@example.com"}) {
    EXPECT_TRUE(is_valid_email(email)) << email;
  }
}

TEST(IsValidEmail, RejectsMalformedAddresses) {
  for (const auto* email :
       {"", "zoe", "zoe@", "@example.com", "zoe@example", "zoe@@example.com", "zoe@a@example.com",
        "zo e@example.com", "zoe@example..com", "zo..e@example.com", "zoe@.com", "zoe@example.",
        "<zoe>@example.com", "zoe@exam(ple).com", "\"zoe\"@example.com", "zoe@[127.0.0.1]",
        "zoe,x@example.com", "zoe;x@example.com"}) {
    EXPECT_FALSE(is_valid_email(email)) << email;
  }
}

TEST(IsValidEmail, RejectsADomainStartingWithADot) {
  // BUG: is_valid_email (src/auth/identifiers.cpp) only checks the position of the LAST dot of
  // the domain (dot == 0), so an empty first label passes: "zoe@.example.com" is accepted
  // although no mail can be delivered there ("zoe@.com" is rejected).
  EXPECT_FALSE(is_valid_email("zoe@.example.com"));
}

TEST(IsValidEmail, LimitsLengths) {
  const std::string domain = "@example.com";
  EXPECT_TRUE(is_valid_email(std::string(64, 'a') + domain));
  EXPECT_FALSE(is_valid_email(std::string(65, 'a') + domain));
  const std::string long_domain = "@" + std::string(240, 'd') + ".com";
  EXPECT_FALSE(is_valid_email(std::string(20, 'a') + long_domain));  // 265 > 254
}

TEST(MaskEmail, KeepsTheFirstCharacterAndTheDomain) {
  EXPECT_EQ(mask_email("alice@example.com"), "a***@example.com");
  EXPECT_EQ(mask_email("z@example.com"), "z***@example.com");
}

TEST(NormalizePhone, AcceptsWhatPeopleTypeAndReturnsE164) {
  EXPECT_EQ(normalize_phone("+1 (555) 555-0100"), "+15555550100");
  EXPECT_EQ(normalize_phone("+44 20 7946.0958"), "+442079460958");
  EXPECT_EQ(normalize_phone("+4915112345678"), "+4915112345678");
}

TEST(NormalizePhone, RejectsNonE164Input) {
  for (const auto* phone :
       {"", "5555550100", "+", "+1234567", "+1234567890123456", "+0155555501", "+1 555 CALL NOW",
        "1+5555550100", "++15555550100", "+1/555/555/0100"}) {
    EXPECT_EQ(normalize_phone(phone), std::nullopt) << phone;
  }
}

TEST(NormalizePhone, AcceptsTheLengthLimits) {
  EXPECT_EQ(normalize_phone("+12345678"), "+12345678");                // 8 digits
  EXPECT_EQ(normalize_phone("+123456789012345"), "+123456789012345");  // 15 digits
}

TEST(MaskPhone, KeepsTheCountryCodeAndTheLastFourDigits) {
  const auto masked = mask_phone("+15555550100");
  EXPECT_TRUE(masked.starts_with("+1")) << masked;
  EXPECT_TRUE(masked.ends_with("0100")) << masked;
  EXPECT_EQ(masked.find_first_of("0123456789", 2), masked.size() - 4) << masked;
  EXPECT_EQ(masked.find("5555"), std::string::npos) << masked;
}

TEST(IsTestEmail, RecognisesClerkTestSubaddresses) {
  EXPECT_TRUE(is_test_email("zoe+clerk_test@example.com"));
  EXPECT_TRUE(is_test_email("zoe+clerk_test_2@example.com"));
  EXPECT_FALSE(is_test_email("zoe@example.com"));
  EXPECT_FALSE(is_test_email("zoe+clerk@example.com"));
}

TEST(IsTestPhone, RecognisesTheReservedRange) {
  EXPECT_TRUE(is_test_phone("+15555550100"));
  EXPECT_TRUE(is_test_phone("+15555550199"));
  EXPECT_FALSE(is_test_phone("+15555550200"));
  EXPECT_FALSE(is_test_phone("+15555550099"));
  EXPECT_FALSE(is_test_phone("+155555501000"));
  EXPECT_FALSE(is_test_phone("+445555550100"));
  // Any area code, as Clerk's docs' examples +12015550100 and +19735550133.
  EXPECT_TRUE(is_test_phone("+12015550100"));
  EXPECT_TRUE(is_test_phone("+19735550133"));
  EXPECT_FALSE(is_test_phone("+12015560100"));
  EXPECT_FALSE(is_test_phone("+12015550200"));
}

}  // namespace
}  // namespace tessera::auth

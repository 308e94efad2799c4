#include "crypto/otp.h"

#include <gtest/gtest.h>

#include <array>
#include <stdexcept>
#include <string>

namespace tessera::crypto {
namespace {

const std::string kSha1Seed = "12345678901234567890";
const std::string kSha256Seed = "12345678901234567890123456789012";
const std::string kSha512Seed = "1234567890123456789012345678901234567890123456789012345678901234";

// RFC 4226 Appendix D.
TEST(Hotp, Rfc4226Vectors) {
  const std::array<const char*, 10> expected = {"755224", "287082", "359152", "969429", "338314",
                                                "254676", "287922", "162583", "399871", "520489"};
  for (std::uint64_t counter = 0; counter < expected.size(); ++counter) {
    EXPECT_EQ(hotp(kSha1Seed, counter), expected[counter]) << "counter " << counter;
  }
}

TEST(Hotp, PadsWithLeadingZerosAndRejectsBadDigits) {
  EXPECT_EQ(hotp(kSha1Seed, 0, 8), "84755224");
  EXPECT_EQ(hotp(kSha1Seed, 0, 1), "4");
  EXPECT_THROW(hotp(kSha1Seed, 0, 0), std::invalid_argument);
  EXPECT_THROW(hotp(kSha1Seed, 0, 11), std::invalid_argument);
}

struct TotpVector {
  std::int64_t time;
  const char* sha1;
  const char* sha256;
  const char* sha512;
};

// RFC 6238 Appendix B.
TEST(Totp, Rfc6238Vectors) {
  const std::array<TotpVector, 6> vectors = {{
      {59, "94287082", "46119246", "90693936"},
      {1111111109, "07081804", "68084774", "25091201"},
      {1111111111, "14050471", "67062674", "99943326"},
      {1234567890, "89005924", "91819424", "93441116"},
      {2000000000, "69279037", "90698825", "38618901"},
      {20000000000, "65353130", "77737706", "47863826"},
  }};
  for (const TotpVector& v : vectors) {
    EXPECT_EQ(totp(kSha1Seed, v.time, {.digits = 8, .hash = OtpHash::sha1}), v.sha1) << v.time;
    EXPECT_EQ(totp(kSha256Seed, v.time, {.digits = 8, .hash = OtpHash::sha256}), v.sha256)
        << v.time;
    EXPECT_EQ(totp(kSha512Seed, v.time, {.digits = 8, .hash = OtpHash::sha512}), v.sha512)
        << v.time;
  }
}

TEST(Totp, StepIsTheFloorOfTimeOverPeriod) {
  EXPECT_EQ(totp_step(0), 0);
  EXPECT_EQ(totp_step(29), 0);
  EXPECT_EQ(totp_step(30), 1);
  EXPECT_EQ(totp_step(1111111109), 37037036);
  EXPECT_EQ(totp_step(119, {.period_seconds = 60}), 1);
  EXPECT_EQ(totp_step(-1), -1);
  EXPECT_THROW(totp_step(10, {.period_seconds = 0}), std::invalid_argument);
}

TEST(TotpMatch, AcceptsCodesWithinTheWindowAndReportsTheirStep) {
  const std::int64_t now = 1111111111;  // step 37037037
  const std::int64_t step = totp_step(now);
  EXPECT_EQ(totp_match(kSha1Seed, totp(kSha1Seed, now), now), step);
  EXPECT_EQ(totp_match(kSha1Seed, totp(kSha1Seed, now - 30), now), step - 1);
  EXPECT_EQ(totp_match(kSha1Seed, totp(kSha1Seed, now + 30), now), step + 1);
}

TEST(TotpMatch, RejectsCodesOutsideTheWindow) {
  const std::int64_t now = 1111111111;
  EXPECT_FALSE(totp_match(kSha1Seed, totp(kSha1Seed, now - 60), now));
  EXPECT_FALSE(totp_match(kSha1Seed, totp(kSha1Seed, now + 60), now));
  EXPECT_FALSE(totp_match(kSha1Seed, totp(kSha1Seed, now - 30), now, {.window = 0}));
  EXPECT_EQ(totp_match(kSha1Seed, totp(kSha1Seed, now - 60), now, {.window = 2}),
            totp_step(now) - 2);
}

TEST(TotpMatch, RejectsWrongOrMalformedCodes) {
  const std::int64_t now = 1111111111;
  const std::string code = totp(kSha1Seed, now);
  std::string wrong = code;
  wrong[0] = wrong[0] == '9' ? '0' : static_cast<char>(wrong[0] + 1);
  EXPECT_FALSE(totp_match(kSha1Seed, wrong, now));
  EXPECT_FALSE(totp_match(kSha1Seed, code.substr(1), now));
  EXPECT_FALSE(totp_match(kSha1Seed, code + "0", now));
  EXPECT_FALSE(totp_match(kSha1Seed, "", now));
  EXPECT_FALSE(totp_match("another secret", code, now));
}

TEST(TotpMatch, NeverMatchesStepsBeforeTheEpoch) {
  // At t=0 the window would reach step -1, which has no code.
  EXPECT_EQ(totp_match(kSha1Seed, totp(kSha1Seed, 0), 0), 0);
  EXPECT_EQ(totp_match(kSha1Seed, totp(kSha1Seed, 30), 0), 1);
}

}  // namespace
}  // namespace tessera::crypto

#include "crypto/otp.h"

#include <array>
#include <stdexcept>

#include "crypto/hash.h"

namespace tessera::crypto {
namespace {

constexpr int kMaxDigits = 10;  // the truncated value has 31 bits

std::string mac(OtpHash hash, std::string_view key, std::string_view data) {
  switch (hash) {
    case OtpHash::sha1:
      return hmac_sha1(key, data);
    case OtpHash::sha256:
      return hmac_sha256(key, data);
    case OtpHash::sha512:
      return hmac_sha512(key, data);
  }
  throw std::invalid_argument("unknown OTP hash");
}

std::string big_endian(std::uint64_t value) {
  std::string out(8, '\0');
  for (int i = 7; i >= 0; --i) {
    out[i] = static_cast<char>(value & 0xFF);
    value >>= 8;
  }
  return out;
}

void check_params(const TotpParams& params) {
  if (params.period_seconds <= 0) throw std::invalid_argument("TOTP period must be positive");
  if (params.window < 0) throw std::invalid_argument("TOTP window must not be negative");
}

}  // namespace

std::string hotp(std::string_view key, std::uint64_t counter, int digits, OtpHash hash) {
  if (digits < 1 || digits > kMaxDigits) throw std::invalid_argument("OTP digits out of range");
  const std::string digest = mac(hash, key, big_endian(counter));
  // RFC 4226 §5.3 dynamic truncation.
  const auto byte = [&](std::size_t i) {
    return static_cast<std::uint32_t>(static_cast<unsigned char>(digest[i]));
  };
  const std::size_t offset = byte(digest.size() - 1) & 0x0F;
  const std::uint32_t binary = ((byte(offset) & 0x7F) << 24) | (byte(offset + 1) << 16) |
                               (byte(offset + 2) << 8) | byte(offset + 3);
  std::uint64_t modulus = 1;
  for (int i = 0; i < digits; ++i) modulus *= 10;
  std::string code = std::to_string(binary % modulus);
  code.insert(0, static_cast<std::size_t>(digits) - code.size(), '0');
  return code;
}

std::int64_t totp_step(std::int64_t unix_seconds, const TotpParams& params) {
  check_params(params);
  std::int64_t step = unix_seconds / params.period_seconds;
  if (unix_seconds % params.period_seconds < 0) --step;  // floor, also before 1970
  return step;
}

std::string totp(std::string_view key, std::int64_t unix_seconds, const TotpParams& params) {
  return hotp(key, static_cast<std::uint64_t>(totp_step(unix_seconds, params)), params.digits,
              params.hash);
}

std::optional<std::int64_t> totp_match(std::string_view key, std::string_view code,
                                       std::int64_t unix_seconds, const TotpParams& params) {
  const std::int64_t now = totp_step(unix_seconds, params);
  std::optional<std::int64_t> matched;
  // Every step in the window is computed and compared, so timing does not reveal which matched.
  // Closest to now first, so a (rare) collision resolves to the most plausible step.
  for (int distance = 0; distance <= params.window; ++distance) {
    for (int sign : {-1, 1}) {
      if (distance == 0 && sign == 1) continue;
      const std::int64_t step = now + sign * distance;
      if (step < 0) continue;
      const std::string expected =
          hotp(key, static_cast<std::uint64_t>(step), params.digits, params.hash);
      if (constant_time_equal(expected, code) && !matched) matched = step;
    }
  }
  return matched;
}

}  // namespace tessera::crypto

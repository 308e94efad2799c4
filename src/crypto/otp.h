#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tessera::crypto {

enum class OtpHash { sha1, sha256, sha512 };

// RFC 4226: the code for `counter`, zero-padded to `digits`.
std::string hotp(std::string_view key, std::uint64_t counter, int digits = 6,
                 OtpHash hash = OtpHash::sha1);

struct TotpParams {
  int period_seconds = 30;
  int digits = 6;
  OtpHash hash = OtpHash::sha1;
  int window = 1;  // steps accepted either side of now
};

// RFC 6238 time step of a Unix time.
std::int64_t totp_step(std::int64_t unix_seconds, const TotpParams& params = {});
std::string totp(std::string_view key, std::int64_t unix_seconds, const TotpParams& params = {});
// The time step whose code equals `code` within the window around now (constant-time compares),
// or nullopt. The caller rejects a step it already accepted (replay).
std::optional<std::int64_t> totp_match(std::string_view key, std::string_view code,
                                       std::int64_t unix_seconds, const TotpParams& params = {});

}  // namespace tessera::crypto

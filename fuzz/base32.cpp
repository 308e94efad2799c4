// The text encodings of src/crypto/encoding.h: base32 (TOTP secrets, typed by users), base64
// and base64url (JWTs, keys). Round trips must be exact, decoding garbage must never crash, and
// an accepted encoding is the canonical one (one spelling per byte string).
#include <cctype>
#include <string>

#include "crypto/encoding.h"
#include "fuzz_check.h"

using namespace tessera;

namespace {

std::string without_padding(std::string_view text) {
  while (!text.empty() && text.back() == '=') text.remove_suffix(1);
  return std::string(text);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes = fuzz::as_text(data, size);

  // decode(encode(x)) == x
  const std::string b32 = crypto::base32_encode(bytes);
  FUZZ_CHECK(crypto::base32_decode(b32) == std::string(bytes));
  const std::string b64 = crypto::base64_encode(bytes);
  FUZZ_CHECK(b64.size() % 4 == 0);
  FUZZ_CHECK(crypto::base64_decode(b64) == std::string(bytes));
  const std::string b64url = crypto::base64url_encode(bytes);
  FUZZ_CHECK(b64url.find_first_of("+/=") == std::string::npos);
  FUZZ_CHECK(crypto::base64url_decode(b64url) == std::string(bytes));
  FUZZ_CHECK(crypto::hex_encode(bytes).size() == 2 * size);

  // The input as text to decode: accepted only in canonical form.
  if (const auto decoded = crypto::base32_decode(bytes)) {
    // base32 ignores case, spaces and '='.
    std::string normalized;
    for (const unsigned char c : bytes) {
      if (c == '=' || std::isspace(c)) continue;
      normalized.push_back(static_cast<char>(std::toupper(c)));
    }
    FUZZ_CHECK(crypto::base32_encode(*decoded) == normalized);
  }
  if (const auto decoded = crypto::base64_decode(bytes)) {
    FUZZ_CHECK(crypto::base64_encode(*decoded) == bytes);
  }
  if (const auto decoded = crypto::base64url_decode(bytes)) {
    FUZZ_CHECK(crypto::base64url_encode(*decoded) == without_padding(bytes));
  }
  return 0;
}

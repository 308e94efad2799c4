// Cookie request headers (http::parse_cookie_header) and Set-Cookie response headers
// (http::SetCookie::to_string) with attacker-influenced names and values.
#include <fuzzer/FuzzedDataProvider.h>

#include <stdexcept>
#include <string>

#include "fuzz_check.h"
#include "http/cookies.h"

using namespace tessera;

namespace {

bool has_line_break(std::string_view text) {
  return text.find_first_of(std::string_view("\r\n\0", 3)) != std::string_view::npos;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // 1. The whole input as a Cookie header.
  const std::string_view header = fuzz::as_text(data, size);
  const auto cookies = http::parse_cookie_header(header);
  for (const auto& [name, value] : cookies) {
    FUZZ_CHECK(!name.empty());
    FUZZ_CHECK(name.find_first_of(";= \t") == std::string::npos);
    FUZZ_CHECK(value.find(';') == std::string::npos);
    FUZZ_CHECK(name.size() + value.size() < size);
    // A cookie we could set again reads back the same.
    std::string set_cookie;
    try {
      set_cookie = http::SetCookie{.name = name, .value = value}.to_string();
    } catch (const std::invalid_argument&) {
      continue;
    }
    FUZZ_CHECK(!has_line_break(set_cookie));
    const auto reread = http::parse_cookie_header(set_cookie);
    const auto it = reread.find(name);
    FUZZ_CHECK(it != reread.end());
    FUZZ_CHECK(it->second == value);
  }

  // 2. The same bytes as the fields of a Set-Cookie: either refused with invalid_argument or a
  // single header line (no CR, LF or NUL: no header injection). Anything else escapes and crashes.
  FuzzedDataProvider provider(data, size);
  http::SetCookie cookie;
  cookie.name = provider.ConsumeRandomLengthString(64);
  cookie.value = provider.ConsumeRandomLengthString(256);
  if (provider.ConsumeBool()) cookie.path = provider.ConsumeRandomLengthString(64);
  if (provider.ConsumeBool()) cookie.domain = provider.ConsumeRandomLengthString(64);
  if (provider.ConsumeBool()) cookie.same_site = provider.ConsumeRandomLengthString(16);
  if (provider.ConsumeBool()) cookie.max_age_seconds = provider.ConsumeIntegral<long>();
  cookie.http_only = provider.ConsumeBool();
  cookie.secure = provider.ConsumeBool();
  try {
    const std::string line = cookie.to_string();
    FUZZ_CHECK(!has_line_break(line));
    FUZZ_CHECK(line.starts_with(cookie.name + "=" + cookie.value));
    // The attributes follow "; ": the value cannot smuggle one in.
    FUZZ_CHECK(cookie.value.find(';') == std::string::npos);
  } catch (const std::invalid_argument&) {
    // refused: fine
  }
  return 0;
}

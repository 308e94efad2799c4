// application/x-www-form-urlencoded bodies (every FAPI POST): http::parse_urlencoded,
// http::form_value and the percent decoders of src/http/form.h; the same bytes as a JSON body
// (http::parse_request_form).
#include <string>

#include "fuzz_check.h"
#include "http/form.h"
#include "http/request_form.h"

using namespace tessera;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view body = fuzz::as_text(data, size);

  if (const auto form = http::parse_urlencoded(body)) {
    for (const auto& [key, value] : *form) {
      // Accepted means well-formed UTF-8 on both sides, so nothing invalid reaches the domain.
      FUZZ_CHECK(http::is_valid_utf8(key));
      FUZZ_CHECK(http::is_valid_utf8(value));
      // form_value finds the first pair with that key.
      const auto first = http::form_value(*form, key);
      FUZZ_CHECK(first.has_value());
      for (const auto& [k, v] : *form) {
        if (k == key) {
          FUZZ_CHECK(*first == v);
          break;
        }
      }
    }
    // parse → encode → parse gives the same pairs, in the same order.
    const std::string encoded = http::encode_urlencoded(*form);
    const auto again = http::parse_urlencoded(encoded);
    FUZZ_CHECK(again.has_value());
    FUZZ_CHECK(*again == *form);
    (void)http::form_value(*form, "identifier");
    (void)http::form_value(*form, "password");
  }

  // As a JSON body: refused, or pairs of well-formed UTF-8 (nothing invalid reaches the domain).
  const auto json_request = http::make_request("POST", "/v1/client/sign_ins", std::string(body),
                                               {{"content-type", "application/json"}});
  if (const auto form = http::parse_request_form(json_request)) {
    for (const auto& [key, value] : *form) {
      FUZZ_CHECK(http::is_valid_utf8(key));
      FUZZ_CHECK(http::is_valid_utf8(value));
    }
  }

  // Lenient decoding never fails and never grows the text; where strict decoding succeeds the
  // two agree.
  for (const bool plus_is_space : {false, true}) {
    const std::string lenient = http::percent_decode(body, plus_is_space);
    FUZZ_CHECK(lenient.size() <= body.size());
    if (const auto strict = http::try_percent_decode(body, plus_is_space)) {
      FUZZ_CHECK(*strict == lenient);
    }
  }

  // url_encode output is all unreserved characters and %XX, and decodes back to the input.
  const std::string encoded = http::url_encode(body);
  FUZZ_CHECK(encoded.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                       "0123456789-._~%") == std::string::npos);
  const auto decoded = http::try_percent_decode(encoded, true);
  FUZZ_CHECK(decoded.has_value());
  FUZZ_CHECK(*decoded == body);
  return 0;
}

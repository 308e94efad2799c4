#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tessera::http {

// application/x-www-form-urlencoded pairs, in order; keys may repeat (arrays).
using FormData = std::vector<std::pair<std::string, std::string>>;

// '&'-separated key=value pairs, '+' → space, %XX decoded. A pair without '=' has an empty value;
// empty pairs ("a=1&&b=2") are skipped. nullopt on a malformed % escape or on invalid UTF-8 after
// decoding, so the caller can answer 400 instead of storing garbage.
std::optional<FormData> parse_urlencoded(std::string_view body);

// First value for key, or nullopt.
std::optional<std::string> form_value(const FormData& form, std::string_view key);

// Lenient: a malformed escape ("%zz", trailing "%") is kept literally.
std::string percent_decode(std::string_view text, bool plus_is_space = false);
// Strict: nullopt on a malformed escape. Does not check UTF-8.
std::optional<std::string> try_percent_decode(std::string_view text, bool plus_is_space = false);

// Everything but RFC 3986 unreserved characters (A-Z a-z 0-9 - . _ ~) becomes %XX.
std::string url_encode(std::string_view text);
// The inverse of parse_urlencoded: "k=v&k2=v2", each side url_encode'd.
std::string encode_urlencoded(const FormData& form);

// Well-formed UTF-8: no overlong forms, surrogates or code points above U+10FFFF.
bool is_valid_utf8(std::string_view text);

}  // namespace tessera::http

#pragma once
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace tessera::http {

// Parses a Cookie request header ("a=1; b=2"). Tolerant, like browsers and frameworks: pairs
// without '=' or with an invalid name are skipped, spaces are trimmed, a value in double quotes
// is unquoted, and the first occurrence of a name wins (the most specific path comes first).
std::map<std::string, std::string> parse_cookie_header(std::string_view header);

// One Set-Cookie response header.
struct SetCookie {
  // Every member has an initializer so that designated initializers may name only a few.
  std::string name = {}, value = {}, path = "/", domain = {}, same_site = "Lax";  // "" → omitted
  std::optional<long> max_age_seconds = std::nullopt;  // nullopt → session cookie; 0 → delete now
  bool http_only = true, secure = false;

  // "name=value; Path=/; Max-Age=60; HttpOnly; SameSite=Lax". Throws std::invalid_argument when
  // a name, value or attribute contains characters that cannot appear there (header injection).
  std::string to_string() const;
};

}  // namespace tessera::http

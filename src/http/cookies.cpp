#include "http/cookies.h"

#include <stdexcept>

#include "http/detail/ascii.h"

namespace tessera::http {

std::map<std::string, std::string> parse_cookie_header(std::string_view header) {
  std::map<std::string, std::string> cookies;
  while (!header.empty()) {
    auto semicolon = header.find(';');
    std::string_view pair = header.substr(0, semicolon);
    header =
        semicolon == std::string_view::npos ? std::string_view() : header.substr(semicolon + 1);
    auto eq = pair.find('=');
    if (eq == std::string_view::npos) continue;
    std::string_view name = detail::trim_ows(pair.substr(0, eq));
    std::string_view value = detail::trim_ows(pair.substr(eq + 1));
    if (!detail::is_token(name)) continue;
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
      value = value.substr(1, value.size() - 2);
    }
    cookies.emplace(name, value);  // emplace keeps the first occurrence
  }
  return cookies;
}

namespace {

// RFC 6265 cookie-octet: visible ASCII except DQUOTE, comma, semicolon and backslash.
bool is_cookie_value(std::string_view value) {
  for (char c : value) {
    auto byte = static_cast<unsigned char>(c);
    if (byte <= 0x20 || byte >= 0x7F || c == '"' || c == ',' || c == ';' || c == '\\') return false;
  }
  return true;
}

// Attribute values (Path, Domain, SameSite) may hold anything visible except ';'.
bool is_attribute_value(std::string_view value) {
  for (char c : value) {
    auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte >= 0x7F || c == ';') return false;
  }
  return true;
}

}  // namespace

std::string SetCookie::to_string() const {
  if (!detail::is_token(name)) throw std::invalid_argument("invalid cookie name: " + name);
  if (!is_cookie_value(value)) throw std::invalid_argument("invalid value for cookie " + name);
  if (!is_attribute_value(path) || !is_attribute_value(domain) || !is_attribute_value(same_site)) {
    throw std::invalid_argument("invalid attribute for cookie " + name);
  }
  std::string out = name + "=" + value;
  if (!path.empty()) out += "; Path=" + path;
  if (!domain.empty()) out += "; Domain=" + domain;
  if (max_age_seconds)
    out += "; Max-Age=" + std::to_string(*max_age_seconds < 0 ? 0 : *max_age_seconds);
  if (http_only) out += "; HttpOnly";
  if (secure) out += "; Secure";
  if (!same_site.empty()) out += "; SameSite=" + same_site;
  return out;
}

}  // namespace tessera::http

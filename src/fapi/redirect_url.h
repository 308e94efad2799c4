#pragma once
#include <string>
#include <string_view>

namespace tessera::fapi {

// An absolute http(s) URL a Frontend API response may send the browser to.
struct RedirectUrl {
  std::string href;    // as given
  std::string scheme;  // "http" or "https"
  std::string host;    // lower-case, without the port
  std::string origin;  // "https://app.example.com:8443", as a browser's Origin header says it
};

// Throws AuthError invalid_redirect_url (not an absolute URL with a host, or with user
// information) or prohibited_redirect_url (a scheme other than http and https).
RedirectUrl parse_redirect_url(std::string_view text);

// The URL with the query parameter set (added, or replaced when present).
std::string with_query_param(std::string_view url, std::string_view name, std::string_view value);

}  // namespace tessera::fapi

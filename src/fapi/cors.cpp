#include "fapi/cors.h"

#include <algorithm>
#include <cctype>

namespace tessera::fapi {

bool origin_matches(std::string_view allowed, std::string_view origin) {
  if (allowed.size() > 2 && allowed.substr(allowed.size() - 2) == ":*") {
    const auto prefix = allowed.substr(0, allowed.size() - 1);  // "http://localhost:"
    if (origin.size() <= prefix.size() || origin.substr(0, prefix.size()) != prefix) return false;
    const auto port = origin.substr(prefix.size());
    return port.size() <= 5 && std::all_of(port.begin(), port.end(),
                                           [](unsigned char c) { return std::isdigit(c) != 0; });
  }
  return allowed == origin;
}

void add_cors_headers(const std::vector<std::string>& allowed_origins, const http::Request& request,
                      http::Response& response) {
  response.add_header("Vary", "Origin");
  const auto origin = request.header("origin");
  if (!origin) return;
  const bool allowed =
      std::any_of(allowed_origins.begin(), allowed_origins.end(),
                  [&](const std::string& a) { return origin_matches(a, *origin); });
  if (!allowed) return;
  response.set_header("Access-Control-Allow-Origin", *origin);
  response.set_header("Access-Control-Allow-Credentials", "true");
  response.set_header("Access-Control-Expose-Headers", "Clerk-Db-Jwt, Retry-After, X-Country");
}

}  // namespace tessera::fapi

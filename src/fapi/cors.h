#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "http/request.h"
#include "http/response.h"

namespace tessera::fapi {

// An allowed origin is exact ("https://app.example.com") or, for development, any port of one
// host ("http://localhost:*").
bool origin_matches(std::string_view allowed, std::string_view origin);

// Credentialed CORS as clerk-js needs it: the exact Origin is echoed with
// Access-Control-Allow-Credentials, only for allowed origins; never "*".
void add_cors_headers(const std::vector<std::string>& allowed_origins, const http::Request& request,
                      http::Response& response);

}  // namespace tessera::fapi

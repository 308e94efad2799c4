#pragma once
#include <string_view>

#include "http/request.h"

namespace tessera::fapi {

// The Backend API's gate: the request must carry `Authorization: Bearer <key>` with the
// instance's secret key (security.secret_key), as @clerk/backend sends CLERK_SECRET_KEY. Throws
// authorization_header_format_invalid (no header, or not a bearer key) or clerk_key_invalid
// (another key, or none configured), both 401. The keys are compared as SHA-256 digests in
// constant time, so a wrong guess learns nothing of the key, not even its length.
void require_secret_key(const http::Request& request, std::string_view secret_key);

}  // namespace tessera::fapi

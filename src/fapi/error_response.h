#pragma once
#include <nlohmann/json.hpp>

#include "auth/error.h"
#include "http/response.h"

namespace tessera::fapi {

// {"errors":[{code, message, long_message, meta:{param_name, …}}], "meta":{}} with Clerk's status;
// 429s carry Retry-After. A `client` (not null) goes in as "meta":{"client": …}, as Clerk sends
// the client a failed step changed.
http::Response error_response(const auth::AuthError& error, nlohmann::json client = nullptr);

}  // namespace tessera::fapi

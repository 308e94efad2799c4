#pragma once
#include "auth/error.h"
#include "http/response.h"

namespace tessera::fapi {

// {"errors":[{code, message, long_message, meta:{param_name, …}}], "meta":{}} with Clerk's status;
// 429s carry Retry-After.
http::Response error_response(const auth::AuthError& error);

}  // namespace tessera::fapi

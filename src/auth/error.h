#pragma once
#include <map>
#include <stdexcept>
#include <string>

namespace tessera::auth {

// A failure the user (or the SDK) can act on, named with Clerk's error code
// (`form_password_incorrect`, `verification_expired`, ...). The domain knows nothing of HTTP:
// the FAPI layer maps the code to a status and message (fapi/error_catalog.h).
struct AuthError : std::runtime_error {
  std::string code;
  std::string param_name;                   // e.g. "password"; empty when not about one field
  std::map<std::string, std::string> meta;  // extra meta, e.g. lockout_expires_in_seconds

  explicit AuthError(std::string code_, std::string param = {},
                     std::map<std::string, std::string> meta_ = {})
      : std::runtime_error(code_),
        code(std::move(code_)),
        param_name(std::move(param)),
        meta(std::move(meta_)) {}
};

}  // namespace tessera::auth

#pragma once
#include <string>
#include <string_view>

#include "auth/error.h"

namespace tessera::fapi {

// How Clerk reports an error code on the wire: HTTP status and messages
// (clerk-docs data/api_errors.json). The SDKs show long_message and map meta.param_name to
// errors.fields.<name>.
struct ErrorDescription {
  int status;
  std::string message;
  std::string long_message;
};

ErrorDescription describe_error(std::string_view code);
// The same for one error, with Clerk's placeholders filled from it: <param> (its param_name),
// <timeRemaining> (from lockout_expires_in_seconds); "That phone number is taken" for a phone.
ErrorDescription describe_error(const auth::AuthError& error);

}  // namespace tessera::fapi

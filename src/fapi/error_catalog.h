#pragma once
#include <string>
#include <string_view>

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

}  // namespace tessera::fapi

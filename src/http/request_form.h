#pragma once
#include <optional>

#include "http/form.h"
#include "http/request.h"

namespace tessera::http {

// A request body's parameters. Clerk's Frontend API is form-based (the SDKs send
// application/x-www-form-urlencoded); a body sent as application/json, as people calling it by
// hand often do, is read too rather than silently ignored: a flat object whose strings, numbers
// and booleans become values (nested objects and arrays their JSON text, null nothing).
// nullopt for a body that is malformed in its declared type, so the caller can answer 400.
std::optional<FormData> parse_request_form(const Request& request);

}  // namespace tessera::http

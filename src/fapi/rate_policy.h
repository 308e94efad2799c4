#pragma once
#include <string_view>

namespace tessera::fapi {

// Which per-IP budget an endpoint spends, as Clerk's FAPI limits them: creating sign-ins and
// sign-ups (limits.create_per_10s) and attempting a password or code (limits.attempts_per_10s).
enum class RateClass { none, create, attempt };

RateClass rate_class_of(std::string_view method, std::string_view pattern);

}  // namespace tessera::fapi

#pragma once
#include <string>
#include <string_view>

namespace tessera::fapi {

// The suffix of an app's cookie names (clerk-js and @clerk/backend set and read __session,
// __client_uat and __clerk_db_jwt also as <name>_<suffix>, so apps with different keys on one
// domain keep apart): the first 8 characters of the URL-safe base64 of SHA-1(publishable key), as
// @clerk/shared's getCookieSuffix computes it.
std::string cookie_suffix(std::string_view publishable_key);

}  // namespace tessera::fapi

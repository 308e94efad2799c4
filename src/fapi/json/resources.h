#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "auth/factors/factor_options.h"
#include "auth/model/client.h"
#include "auth/model/session.h"
#include "auth/model/sign_in.h"
#include "auth/model/sign_up.h"
#include "auth/model/user.h"
#include "auth/settings.h"

// Clerk's resource JSON (fapi-protocol.md §6–§10). Timestamps are milliseconds.
namespace tessera::fapi::json {

using nlohmann::json;

// null when nothing was started; `kind` is Clerk's object name (verification_otp, …).
json verification(const auth::Verification& v);
json email_address(const auth::EmailAddress& email);
json phone_number(const auth::PhoneNumber& phone);
json user(const auth::UserRecord& user);
json public_user_data(const auth::UserRecord& user);
json factor(const auth::FactorOption& option);
json factors(const std::vector<auth::FactorOption>& options);
// `token` is a fresh session JWT (may be empty); ages in factor_verification_age are as of now_ms.
json session(const auth::Session& session, const auth::UserRecord& user, const std::string& token,
             std::int64_t now_ms);
json sign_in(const auth::SignIn& sign_in, const std::optional<auth::UserRecord>& user,
             const auth::AuthSettings& settings);
json sign_up(const auth::SignUp& sign_up, const std::vector<std::string>& missing_fields);

}  // namespace tessera::fapi::json

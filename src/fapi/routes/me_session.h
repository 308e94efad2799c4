#pragma once
#include <string>

#include "auth/model/session.h"

namespace tessera::fapi {

class Call;

// The acting session for /v1/me/* (?_clerk_session_id=, else the client's active one). Pending
// sessions count: a user resolves the setup-mfa and reset-password tasks here. Throws
// authentication_invalid.
auth::Session me_session(Call& call);
std::string me_user_id(Call& call);

}  // namespace tessera::fapi

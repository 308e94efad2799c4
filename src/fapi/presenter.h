#pragma once
#include <nlohmann/json.hpp>

#include "auth/model/client.h"
#include "auth/model/session.h"
#include "auth/model/sign_in.h"
#include "auth/model/sign_up.h"
#include "auth/store.h"

namespace tessera::fapi {

class Call;

// Resources as the SDK sees them, with what they reference loaded from the store: a client lists
// its live sessions (each with its user and a fresh token) and its current sign-in/sign-up.
// `response`: what the request answers besides the client; when that is the client's current
// sign-in or sign-up, it is reused as the client's copy.
nlohmann::json client_json(Call& call, const auth::ClientView& view,
                           const nlohmann::json* response = nullptr);
// The request's client as stored now (Call::client_view), or null when it has none.
nlohmann::json current_client_json(Call& call);
nlohmann::json session_json(Call& call, const auth::Session& session);
nlohmann::json sign_in_json(Call& call, const auth::SignIn& sign_in);
nlohmann::json sign_up_json(Call& call, const auth::SignUp& sign_up);
nlohmann::json user_json(Call& call, const std::string& user_id);
// A fresh session token for the request's origin.
std::string session_token(Call& call, const auth::Session& session);
// The same for another page than the request's origin (its azp): the handshake hands the token to
// the app page it sends the browser back to.
std::string session_token(Call& call, const auth::Session& session, std::string authorized_party);

}  // namespace tessera::fapi

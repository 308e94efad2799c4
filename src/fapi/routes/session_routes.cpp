#include "auth/error.h"
#include "auth/session/sessions.h"
#include "fapi/call.h"
#include "fapi/presenter.h"
#include "fapi/routes/route_table.h"

namespace tessera::fapi {
namespace {

// Session endpoints act only on a session of the caller's own client.
auth::Client& signed_client(Call& call) {
  if (!call.client()) throw auth::AuthError("authentication_invalid");
  return call.require_client();
}

RouteHandler finish(const char* status) {
  return [status](Call& call) {
    auto session =
        auth::Sessions(call.auth()).finish(signed_client(call), call.path_param("id"), status);
    return call.envelope_with([&] { return session_json(call, session); });
  };
}

// The live session of the caller's client that the path names, read with the client.
auth::Session requested_live_session(Call& call) {
  const auto found = call.client_session(call.path_param("id"));
  return auth::Sessions(call.auth()).require_live(signed_client(call), found);
}

// Token responses are bare ({object, jwt}); an envelope here breaks clerk-js.
http::Response token(Call& call) {
  auto session = requested_live_session(call);
  return call.bare({{"object", "token"}, {"jwt", session_token(call, session)}});
}

}  // namespace

void add_session_routes(RouteTable& routes) {
  // session.reload(): the session as it is now, whatever its status, if it is this client's.
  routes.push_back({"GET", "/v1/client/sessions/:id", [](Call& call) {
                      const auto found = call.client_session(call.path_param("id"));
                      signed_client(call);
                      if (!found)
                        throw auth::AuthError("resource_not_found", "", {{"resource", "session"}});
                      return call.envelope_with([&] { return session_json(call, *found); });
                    }});
  routes.push_back(
      {"POST", "/v1/client/sessions/:id/touch", [](Call& call) {
         auto session =
             auth::Sessions(call.auth()).touch(signed_client(call), call.path_param("id"));
         return call.envelope_with([&] { return session_json(call, session); });
       }});
  routes.push_back({"POST", "/v1/client/sessions/:id/tokens", token});
  // Tessera defines no JWT templates: Clerk answers an unknown one 404, and getToken({template})
  // must fail rather than return a session token the backend would take for the template's.
  routes.push_back(
      {"POST", "/v1/client/sessions/:id/tokens/:template", [](Call& call) -> http::Response {
         requested_live_session(call);
         throw auth::AuthError("resource_not_found", "", {{"resource", "jwt_template"}});
       }});
  routes.push_back({"POST", "/v1/client/sessions/:id/end", finish("ended")});
  routes.push_back({"POST", "/v1/client/sessions/:id/remove", finish("removed")});
  // clerk.signOut(): every session of this client ends; the client itself stays.
  routes.push_back({"DELETE", "/v1/client/sessions", [](Call& call) {
                      nlohmann::json body = nullptr;
                      if (auto client = call.client()) {
                        auth::Sessions(call.auth()).finish_all(*client);
                        body = current_client_json(call);
                      }
                      call.set_client_uat();
                      return call.bare({{"response", body}, {"client", body}});
                    }});
}

}  // namespace tessera::fapi

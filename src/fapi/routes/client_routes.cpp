#include "auth/client/client_registry.h"
#include "auth/session/sessions.h"
#include "fapi/call.h"
#include "fapi/presenter.h"
#include "fapi/routes/route_table.h"
#include "http/cookies.h"

namespace tessera::fapi {
namespace {

bool ever_used(const auth::ClientView& view) {
  const auto& client = view.client;
  return !client.sign_in_id.empty() || !client.sign_up_id.empty() ||
         !client.last_active_session_id.empty() || !view.sessions.empty();
}

}  // namespace

void add_client_routes(RouteTable& routes) {
  // No client yet is not an error: the SDK loads signed out ({response: null}). A client that
  // has never started anything (e.g. a fresh dev browser) is reported the same way, as Clerk does.
  routes.push_back({"GET", "/v1/client", [](Call& call) {
                      auto view = call.client_view();
                      if (view && !ever_used(*view)) view.reset();
                      return call.bare({{"response", view ? client_json(call, *view) : nullptr},
                                        {"client", nullptr}});
                    }});
  auto create = [](Call& call) {
    if (auto& client = call.require_client(); client.is_new) auth::save_client(call.auth(), client);
    return call.envelope(current_client_json(call));
  };
  routes.push_back({"POST", "/v1/client", create});
  routes.push_back({"PUT", "/v1/client", create});
  // Sign out everywhere on this device and forget it: sessions end, the cookie goes.
  routes.push_back({"DELETE", "/v1/client", [](Call& call) {
                      auto client = call.client();
                      if (!client) return call.bare({{"response", nullptr}, {"client", nullptr}});
                      auth::Sessions(call.auth()).finish_all(*client);
                      auto body = current_client_json(call);
                      http::SetCookie gone;
                      gone.name = "__client";
                      gone.max_age_seconds = 0;
                      call.add_cookie(gone.to_string());
                      call.set_client_uat();
                      return call.bare({{"response", body}, {"client", nullptr}});
                    }});
  // Development browsers are identified by a token in the URL instead of a cookie.
  routes.push_back({"POST", "/v1/dev_browser", [](Call& call) {
                      auto issued = auth::create_client(call.auth());
                      return call.bare({{"object", "dev_browser"}, {"id", issued.token}});
                    }});
}

}  // namespace tessera::fapi

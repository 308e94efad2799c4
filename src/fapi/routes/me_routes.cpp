#include "auth/account/change_password.h"
#include "auth/error.h"
#include "auth/session/sessions.h"
#include "fapi/call.h"
#include "fapi/presenter.h"
#include "fapi/routes/me_session.h"
#include "fapi/routes/route_table.h"

namespace tessera::fapi {
auth::Session me_session(Call& call) {
  auto client = call.client();
  if (!client) throw auth::AuthError("authentication_invalid");
  auto session = auth::Sessions(call.auth())
                     .acting(*client, call.request.query_param("_clerk_session_id").value_or(""));
  if (!session) throw auth::AuthError("authentication_invalid");
  return *session;
}

std::string me_user_id(Call& call) { return me_session(call).user_id; }

void add_me_routes(RouteTable& routes) {
  routes.push_back({"GET", "/v1/me", [](Call& call) {
                      const auto user_id = me_user_id(call);
                      return call.envelope_with([&] { return user_json(call, user_id); });
                    }});
  routes.push_back({"PATCH", "/v1/me", [](Call& call) {
                      const auto session = me_session(call);
                      auto user = call.auth().store.find_user(session.user_id);
                      if (!user) throw auth::AuthError("authentication_invalid");
                      for (auto [name, field] : {std::pair{"first_name", &user->first_name},
                                                 std::pair{"last_name", &user->last_name}}) {
                        if (auto v = call.param(name)) {
                          if (v->size() > 256)
                            throw auth::AuthError("form_param_format_invalid", name);
                          *field = *v;
                        }
                      }
                      user->updated_at = call.auth().now();
                      call.auth().store.update_user(*user);
                      return call.envelope_with([&] { return user_json(call, session.user_id); });
                    }});
  routes.push_back({"POST", "/v1/me/change_password", [](Call& call) {
                      const auto session = me_session(call);
                      auth::change_password(
                          call.auth(), session,
                          {call.param_or_empty("current_password"),
                           call.param_or_empty("new_password"),
                           call.param_or_empty("sign_out_of_other_sessions") == "true"},
                          call.device());
                      return call.envelope_with([&] { return user_json(call, session.user_id); });
                    }});
}

}  // namespace tessera::fapi

#include "auth/error.h"
#include "auth/sign_up/sign_up_flow.h"
#include "fapi/call.h"
#include "fapi/presenter.h"
#include "fapi/routes/route_table.h"

namespace tessera::fapi {
namespace {

auth::SignUpParams params_of(Call& call) {
  return {call.param("email_address"), call.param("password"), call.param("first_name"),
          call.param("last_name"),     call.param("locale"),   call.param("strategy")};
}

template <typename Step>
RouteHandler step(Step step) {
  return [step](Call& call) {
    auth::SignUpFlow flow(call.auth());
    auto& client = call.require_client();
    auto sign_up = step(call, flow, client, call.path_param("id"));
    return call.envelope(sign_up_json(call, sign_up));
  };
}

}  // namespace

void add_sign_up_routes(RouteTable& routes) {
  routes.push_back({"POST", "/v1/client/sign_ups", [](Call& call) {
                      auth::SignUpFlow flow(call.auth());
                      auto& client = call.require_client();
                      auto sign_up = flow.create(client, params_of(call));
                      return call.envelope(sign_up_json(call, sign_up));
                    }});
  routes.push_back({"GET", "/v1/client/sign_ups/:id",
                    step([](Call&, auth::SignUpFlow& flow, auth::Client& client,
                            const std::string& id) { return flow.get(client, id); })});
  routes.push_back(
      {"PATCH", "/v1/client/sign_ups/:id",
       step([](Call& call, auth::SignUpFlow& flow, auth::Client& client, const std::string& id) {
         return flow.update(client, id, params_of(call));
       })});
  routes.push_back(
      {"POST", "/v1/client/sign_ups/:id/prepare_verification",
       step([](Call& call, auth::SignUpFlow& flow, auth::Client& client, const std::string& id) {
         return flow.prepare_verification(client, id,
                                          call.param("strategy").value_or("email_code"));
       })});
  routes.push_back(
      {"POST", "/v1/client/sign_ups/:id/attempt_verification",
       step([](Call& call, auth::SignUpFlow& flow, auth::Client& client, const std::string& id) {
         return flow.attempt_verification(client, id, call.param("strategy").value_or("email_code"),
                                          call.param_or_empty("code"));
       })});
}

}  // namespace tessera::fapi

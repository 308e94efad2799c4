#include "auth/error.h"
#include "auth/factors/factor_options.h"
#include "auth/sign_in/sign_in_flow.h"
#include "fapi/call.h"
#include "fapi/presenter.h"
#include "fapi/routes/route_table.h"

namespace tessera::fapi {
namespace {

// The email/phone id a prepare call names, whichever field the SDK used.
std::string factor_id(Call& call) {
  auto id = call.param_or_empty("email_address_id");
  return id.empty() ? call.param_or_empty("phone_number_id") : id;
}

std::string required(Call& call, const char* name) {
  auto value = call.param(name);
  if (!value) throw auth::AuthError("form_param_missing", name);
  return *value;
}

// The new password of a forgot-password step, when the request carries one.
std::optional<auth::NewPassword> new_password(Call& call) {
  auto password = call.param("password");
  if (!password) return std::nullopt;
  return auth::NewPassword{std::move(*password),
                           call.param_or_empty("sign_out_of_other_sessions") == "true"};
}

// {response: sign_in, client}, presenting the sign-in with the user and the client that the flow
// already read.
http::Response sign_in_envelope(Call& call, auth::SignInFlow& flow, const auth::SignIn& sign_in) {
  if (flow.user()) call.present(*flow.user());
  if (auto view = flow.take_client_view()) call.lend_client_view(std::move(*view));
  return call.envelope_with([&] { return sign_in_json(call, sign_in); });
}

// Runs one step of the sign-in of the URL's id and answers {response: sign_in, client}.
template <typename Step>
RouteHandler step(Step step) {
  return [step](Call& call) {
    auth::SignInFlow flow(call.auth(), call.device());
    const auto id = call.path_param("id");
    if (auto read = call.client_sign_in(id)) flow.lend(std::move(*read));  // one read for both
    auto& client = call.require_client();
    const auto sign_in = step(call, flow, client, id);
    return sign_in_envelope(call, flow, sign_in);
  };
}

}  // namespace

void add_sign_in_routes(RouteTable& routes) {
  routes.push_back({"POST", "/v1/client/sign_ins", [](Call& call) {
                      auth::SignInFlow flow(call.auth(), call.device());
                      auto& client = call.require_client();
                      auth::SignInParams params{call.param("identifier"), call.param("password"),
                                                call.param("strategy")};
                      const auto sign_in = flow.create(client, params);
                      return sign_in_envelope(call, flow, sign_in);
                    }});
  routes.push_back({"GET", "/v1/client/sign_ins/:id",
                    step([](Call&, auth::SignInFlow& flow, auth::Client& client,
                            const std::string& id) { return flow.get(client, id); })});
  routes.push_back(
      {"POST", "/v1/client/sign_ins/:id/prepare_first_factor",
       step([](Call& call, auth::SignInFlow& flow, auth::Client& client, const std::string& id) {
         return flow.prepare_first_factor(client, id, required(call, "strategy"), factor_id(call));
       })});
  routes.push_back(
      {"POST", "/v1/client/sign_ins/:id/attempt_first_factor",
       step([](Call& call, auth::SignInFlow& flow, auth::Client& client, const std::string& id) {
         const auto strategy = required(call, "strategy");
         const auto secret = call.param_or_empty(strategy == "password" ? "password" : "code");
         const auto reset =
             strategy == auth::kResetPasswordEmailCode ? new_password(call) : std::nullopt;
         return flow.attempt_first_factor(client, id, strategy, secret, reset);
       })});
  routes.push_back(
      {"POST", "/v1/client/sign_ins/:id/reset_password",
       step([](Call& call, auth::SignInFlow& flow, auth::Client& client, const std::string& id) {
         return flow.reset_password(client, id, new_password(call).value_or(auth::NewPassword{}));
       })});
  routes.push_back(
      {"POST", "/v1/client/sign_ins/:id/prepare_second_factor",
       step([](Call& call, auth::SignInFlow& flow, auth::Client& client, const std::string& id) {
         return flow.prepare_second_factor(client, id, required(call, "strategy"), factor_id(call));
       })});
  routes.push_back(
      {"POST", "/v1/client/sign_ins/:id/attempt_second_factor",
       step([](Call& call, auth::SignInFlow& flow, auth::Client& client, const std::string& id) {
         return flow.attempt_second_factor(client, id, required(call, "strategy"),
                                           call.param_or_empty("code"));
       })});
}

}  // namespace tessera::fapi

#include "fapi/presenter.h"

#include "auth/error.h"
#include "auth/session/sessions.h"
#include "auth/sign_up/sign_up_flow.h"
#include "fapi/call.h"
#include "fapi/json/resources.h"
#include "tokens/session_token.h"

namespace tessera::fapi {

std::string session_token(Call& call, const auth::Session& session) {
  return session_token(call, session, call.origin());
}

std::string session_token(Call& call, const auth::Session& session, std::string authorized_party) {
  tokens::TokenContext context{call.services.config.server.public_url, std::move(authorized_party),
                               call.auth().now(), call.services.config.auth.token_lifetime_seconds};
  return tokens::mint_session_token(call.services.keys, session, context);
}

nlohmann::json session_json(Call& call, const auth::Session& session) {
  const auto& user = call.presented_user(session.user_id);
  if (!user) return nullptr;
  const auto now = call.auth().now();
  std::string token;
  if (session.live(now)) {
    auto* cache = call.services.token_cache;
    // The key holds everything a token says, so a cached one is never stale in content.
    const auto key = session.id + '|' + session.status + '|' + call.origin();
    token = cache ? cache->get_or_mint(
                        key, now, [&] { return session_token(call, session); },
                        call.client_updated_at())
                  : session_token(call, session);
  }
  return json::session(session, *user, token, now);
}

nlohmann::json sign_in_json(Call& call, const auth::SignIn& sign_in) {
  if (sign_in.user_id.empty()) return json::sign_in(sign_in, std::nullopt, call.auth().settings);
  return json::sign_in(sign_in, call.presented_user(sign_in.user_id), call.auth().settings);
}

nlohmann::json sign_up_json(Call& call, const auth::SignUp& sign_up) {
  return json::sign_up(sign_up, auth::SignUpFlow(call.auth()).missing_fields(sign_up));
}

nlohmann::json user_json(Call& call, const std::string& user_id) {
  const auto& user = call.presented_user(user_id);
  if (!user) throw auth::AuthError("resource_not_found");
  return json::user(*user);
}

namespace {

// True when `response` is the resource `object` with this id: a step's answer is the client's
// current attempt as it was just saved, so the client's copy need not be read and built again.
bool presents(const nlohmann::json* response, const char* object, const std::string& id) {
  if (response == nullptr || !response->is_object()) return false;
  const auto o = response->find("object");
  const auto i = response->find("id");
  return o != response->end() && i != response->end() && *o == object && *i == id;
}

}  // namespace

nlohmann::json client_json(Call& call, const auth::ClientView& view,
                           const nlohmann::json* response) {
  const auto now = call.auth().now();
  auto& store = call.auth().store;
  const auto& client = view.client;
  nlohmann::json sessions = nlohmann::json::array();
  for (const auto& s : view.sessions)
    if (s.live(now))
      if (auto j = session_json(call, s); !j.is_null()) sessions.push_back(std::move(j));
  nlohmann::json sign_in = nullptr, sign_up = nullptr;
  if (presents(response, "sign_in_attempt", client.sign_in_id))
    sign_in = *response;
  else if (!client.sign_in_id.empty())
    if (auto si = store.find_sign_in(client.sign_in_id); si && si->abandon_at > now)
      sign_in = sign_in_json(call, *si);
  if (presents(response, "sign_up_attempt", client.sign_up_id))
    sign_up = *response;
  else if (!client.sign_up_id.empty())
    if (auto su = store.find_sign_up(client.sign_up_id); su && su->abandon_at > now)
      sign_up = sign_up_json(call, *su);
  const bool active = !client.last_active_session_id.empty() &&
                      std::any_of(sessions.begin(), sessions.end(), [&](const auto& s) {
                        return s["id"] == client.last_active_session_id;
                      });
  return {{"object", "client"},
          {"id", client.id},
          {"sessions", std::move(sessions)},
          {"sign_in", std::move(sign_in)},
          {"sign_up", std::move(sign_up)},
          {"last_active_session_id",
           active ? nlohmann::json(client.last_active_session_id) : nlohmann::json(nullptr)},
          {"last_authentication_strategy", nullptr},
          {"cookie_expires_at", nullptr},
          {"captcha_bypass", false},
          {"created_at", client.created_at},
          {"updated_at", client.updated_at}};
}

nlohmann::json current_client_json(Call& call) {
  const auto view = call.client_view();
  return view ? client_json(call, *view) : nlohmann::json(nullptr);
}

}  // namespace tessera::fapi

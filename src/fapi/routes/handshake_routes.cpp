#include <algorithm>

#include "auth/client/client_registry.h"
#include "auth/error.h"
#include "fapi/call.h"
#include "fapi/cors.h"
#include "fapi/handshake.h"
#include "fapi/presenter.h"
#include "fapi/redirect_url.h"
#include "fapi/routes/route_table.h"
#include "http/cookies.h"
#include "tokens/handshake_token.h"

namespace tessera::fapi {
namespace {

constexpr auto kHandshake = "__clerk_handshake";  // the cookie, or the query parameter
constexpr long kHandshakeCookieSeconds = 60;      // read on the very next request to the app

std::optional<RedirectUrl> parsed_url(std::string_view url) {
  try {
    return parse_redirect_url(url);
  } catch (const auth::AuthError&) {
    return std::nullopt;
  }
}

std::string origin_of(std::string_view url) {
  const auto parsed = parsed_url(url);
  return parsed ? parsed->origin : std::string();
}

// The handshake hands the browser's session token to the page it names, so only pages of this
// instance's apps qualify: the allowed origins, this server's own, and the origin a proxy in
// front of it serves (the Clerk-Proxy-Url header, sent by @clerk/backend's proxy; a browser
// following a link cannot send it).
RedirectUrl allowed_redirect(Call& call) {
  const auto text = call.request.query_param("redirect_url");
  if (!text || text->empty())
    throw auth::AuthError("form_param_missing", "redirect_url", {{"param", "redirect_url"}});
  auto redirect = parse_redirect_url(*text);
  const auto& server = call.services.config.server;
  const bool allowed =
      std::any_of(server.allowed_origins.begin(), server.allowed_origins.end(),
                  [&](const std::string& a) { return origin_matches(a, redirect.origin); }) ||
      redirect.origin == origin_of(server.public_url) ||
      redirect.origin == origin_of(call.request.header("clerk-proxy-url").value_or(""));
  if (!allowed) throw auth::AuthError("redirect_url_domain_mismatch", "redirect_url");
  return redirect;
}

// The client the browser has: its __client cookie (clerk-js keeps the client in a cookie, also on
// development instances that do not sync sessions through the URL), else for a development
// instance the dev browser the app's server passed on. A development instance also needs a dev
// browser on the app's domain: the one passed on, or a new one when there was none (or one this
// server does not know).
struct HandshakeClient {
  std::optional<auth::ClientView> view;
  std::string dev_browser;
};

HandshakeClient handshake_client(Call& call) {
  HandshakeClient out;
  if (const auto cookie = call.client_cookie(); !cookie.empty())
    out.view = auth::find_client_view_by_token(call.auth(), cookie);
  if (call.services.production_instance) return out;
  const auto passed = call.request.query_param("__clerk_db_jwt").value_or("");
  auto dev_browser =
      passed.empty() ? std::nullopt : auth::find_client_view_by_token(call.auth(), passed);
  if (dev_browser) {
    out.dev_browser = passed;
    if (!out.view) out.view = std::move(dev_browser);
  } else {
    out.dev_browser = auth::create_client(call.auth()).token;
  }
  return out;
}

HandshakeState state_of(Call& call, const HandshakeClient& client, const RedirectUrl& redirect) {
  HandshakeState state;
  state.dev_browser = client.dev_browser;
  if (!client.view) return state;
  const auto now = call.auth().now();
  const auto& sessions = client.view->sessions;
  const auto current = std::find_if(sessions.begin(), sessions.end(), [&](const auth::Session& s) {
    return s.id == client.view->client.last_active_session_id && s.live(now);
  });
  if (current == sessions.end()) return state;
  state.session_token = session_token(call, *current, redirect.origin);
  state.client_uat = client.view->client.updated_at / 1000;
  return state;
}

// The host the browser reached this server at: a proxy's (Clerk-Proxy-Url, X-Forwarded-Host) or
// our own. It decides only how the handshake token is handed over, never whether.
std::string browser_facing_host(const Call& call) {
  if (auto proxy = parsed_url(call.request.header("clerk-proxy-url").value_or("")))
    return proxy->host;
  const auto authority =
      call.request.header("x-forwarded-host").value_or(call.request.header("host").value_or(""));
  const auto ours = parsed_url("http://" + authority);
  return ours ? ours->host : std::string();
}

// Production hands the token over in a cookie the app's domain can read (the directives clear
// it); development, and a production app this server shares no domain with, in the URL, which the
// app's server strips.
void hand_over(Call& call, const RedirectUrl& redirect, std::vector<std::string> directives,
               http::Response& response) {
  const auto our_host = browser_facing_host(call);
  const auto shared_domain = shared_cookie_domain(our_host, redirect.host);
  if (!call.services.production_instance || (our_host != redirect.host && !shared_domain)) {
    response.set_header(
        "Location", with_query_param(redirect.href, kHandshake,
                                     tokens::mint_handshake_token(call.services.keys, directives)));
    return;
  }
  http::SetCookie cookie;
  cookie.name = kHandshake;
  cookie.domain = shared_domain.value_or("");
  cookie.secure = redirect.scheme == "https";
  auto gone = cookie;
  gone.max_age_seconds = 0;
  directives.push_back(gone.to_string());
  cookie.value = tokens::mint_handshake_token(call.services.keys, directives);
  cookie.max_age_seconds = kHandshakeCookieSeconds;
  response.add_header("Set-Cookie", cookie.to_string());
  response.set_header("Location", redirect.href);
}

http::Response handshake(Call& call) {
  const auto redirect = allowed_redirect(call);
  const auto state = state_of(call, handshake_client(call), redirect);
  HandshakeCookieOptions options;
  options.secure = redirect.scheme == "https";
  if (call.request.query_param("suffixed_cookies").value_or("") == "true")
    options.suffix = call.services.cookie_suffix;
  http::Response response;
  response.status = 307;
  response.set_header("Cache-Control", "no-store");
  hand_over(call, redirect, handshake_directives(state, options), response);
  return response;
}

}  // namespace

void add_handshake_routes(RouteTable& routes) {
  routes.push_back({"GET", "/v1/client/handshake", handshake});
}

}  // namespace tessera::fapi

#include "fapi/call.h"

#include "auth/client/client_registry.h"
#include "auth/error.h"
#include "fapi/client_ip.h"
#include "fapi/presenter.h"
#include "http/cookies.h"
#include "http/json_text.h"
#include "http/request_form.h"

namespace tessera::fapi {
namespace {

constexpr auto kClientCookie = "__client";
constexpr long kClientCookieSeconds = auth::kClientLifetimeMs / 1000;
constexpr std::size_t kMaxUserAgentLength = 256;  // enough to name a browser in an email

bool secure_cookies(const Services& services) {
  return services.config.server.public_url.rfind("https://", 0) == 0;
}

}  // namespace

Call::Call(const Services& services_, const http::Request& request_)
    : services(services_), request(request_) {
  form_ = http::parse_request_form(request);
  form_invalid_ = !form_;
}

std::optional<std::string> Call::param(std::string_view name) const {
  if (form_invalid_) throw auth::AuthError("request_body_invalid");
  if (form_)
    if (auto v = http::form_value(*form_, name)) return v;
  return std::nullopt;
}

std::string Call::path_param(const std::string& name) const {
  auto it = request.path_params.find(name);
  return it == request.path_params.end() ? std::string() : it->second;
}

std::string Call::origin() const { return request.header("origin").value_or(""); }

auth::Device Call::device() const {
  return {request.header("user-agent").value_or("").substr(0, kMaxUserAgentLength),
          client_ip(request, services.config.server.trusted_proxies)};
}

bool Call::dev_browser_mode() const { return request.query_param("__clerk_db_jwt").has_value(); }

std::string Call::client_cookie() const {
  if (auto header = request.header("cookie")) {
    const auto cookies = http::parse_cookie_header(*header);
    if (auto it = cookies.find(kClientCookie); it != cookies.end()) return it->second;
  }
  return {};
}

std::string Call::client_token() const {
  if (auto token = request.query_param("__clerk_db_jwt")) return *token;
  return client_cookie();
}

bool Call::take_found_client(auth::Client* found) {
  client_loaded_ = true;
  if (!found && dev_browser_mode()) throw auth::AuthError("dev_browser_unauthenticated");
  if (found) client_ = std::move(*found);
  return found != nullptr;
}

std::optional<auth::Client> Call::client() {
  if (!client_loaded_) {
    const auto token = client_token();
    auto found = token.empty() ? std::nullopt : auth::find_client_by_token(auth(), token);
    take_found_client(found ? &*found : nullptr);
  }
  return client_;
}

std::optional<auth::Session> Call::client_session(const std::string& session_id) {
  if (client_loaded_) {
    auto s = client_ ? auth().store.find_session(session_id) : std::nullopt;
    return s && s->client_id == client_->id ? s : std::nullopt;
  }
  auto found = auth::find_client_session_by_token(auth(), client_token(), session_id);
  if (!take_found_client(found ? &found->client : nullptr)) return std::nullopt;
  return std::move(found->session);
}

std::optional<auth::SignInWithUser> Call::client_sign_in(const std::string& sign_in_id) {
  if (client_loaded_) return std::nullopt;
  auto found = auth::find_client_sign_in_by_token(auth(), client_token(), sign_in_id);
  if (!take_found_client(found ? &found->client : nullptr)) return std::nullopt;
  return std::move(found->sign_in);
}

auth::Client& Call::require_client() {
  if (!client()) {
    // Stored by the flow that uses it, in the same transaction as its own writes; its cookie is
    // sent once it is stored (cookies()).
    auto issued = auth::issue_client(auth());
    client_ = issued.client;
    http::SetCookie cookie;
    cookie.name = kClientCookie;
    cookie.value = issued.token;
    cookie.max_age_seconds = kClientCookieSeconds;
    cookie.http_only = true;
    cookie.secure = secure_cookies(services);
    cookie.same_site = "Lax";
    new_client_cookie_ = cookie.to_string();
  }
  return *client_;
}

std::optional<auth::ClientView> Call::client_view() {
  std::optional<auth::ClientView> view;
  if (!client_loaded_) {
    client_loaded_ = true;
    view = auth::find_client_view_by_token(auth(), client_token());
    if (!view && dev_browser_mode()) throw auth::AuthError("dev_browser_unauthenticated");
  } else if (client_ && lent_view_ && lent_view_->client.id == client_->id) {
    view = std::move(lent_view_);
  } else if (client_ && !client_->is_new) {
    view = auth().store.find_client_view(client_->id);
  }
  lent_view_.reset();
  client_.reset();  // also a new client that was never stored: the request left none
  if (view) {
    client_ = view->client;
    for (const auto& user : view->users) presented_users_.insert_or_assign(user.user.id, user);
  }
  return view;
}

http::Response Call::envelope(nlohmann::json response) {
  return envelope_with([&] { return std::move(response); });
}

http::Response Call::envelope_with(const std::function<nlohmann::json()>& build_response) {
  const auto view = client_view();
  auto response = build_response();
  auto client = view ? client_json(*this, *view, &response) : nlohmann::json(nullptr);
  nlohmann::json body = {{"response", std::move(response)}, {"client", std::move(client)}};
  set_client_uat();
  return bare(std::move(body));
}

std::vector<std::string> Call::cookies() const {
  auto all = cookies_;
  if (!new_client_cookie_.empty() && client_ && !client_->is_new)
    all.insert(all.begin(), new_client_cookie_);
  return all;
}

const std::optional<auth::UserRecord>& Call::presented_user(const std::string& user_id) {
  auto it = presented_users_.find(user_id);
  if (it == presented_users_.end())
    it = presented_users_.emplace(user_id, auth().store.find_user_record(user_id)).first;
  return it->second;
}

http::Response Call::bare(nlohmann::json body, int status) const {
  return http::Response::json(status,
                              http::json_text(body, nlohmann::json::error_handler_t::replace));
}

void Call::set_client_uat() {
  if (!services.production_instance || !client_) return;
  const bool signed_in = !client_->last_active_session_id.empty();
  http::SetCookie cookie;
  cookie.value = signed_in ? std::to_string(client_->updated_at / 1000) : "0";
  cookie.max_age_seconds = kClientCookieSeconds;
  cookie.http_only = false;  // read by the app's server-side middleware and clerk-js
  cookie.secure = secure_cookies(services);
  cookie.same_site = "Lax";
  // Under both names, as clerk-js sets __session: @clerk/backend reads the suffixed pair when
  // the session cookie is suffixed, and takes a suffixed __session without a suffixed
  // __client_uat for signed out.
  for (auto name : {"__client_uat_" + services.cookie_suffix, std::string("__client_uat")}) {
    cookie.name = std::move(name);
    add_cookie(cookie.to_string());
  }
}

}  // namespace tessera::fapi

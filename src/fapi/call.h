#pragma once
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "auth/model/device.h"
#include "auth/model/user.h"
#include "fapi/services.h"
#include "http/form.h"
#include "http/request.h"
#include "http/response.h"

namespace tessera::fapi {

// One FAPI request being handled on a worker: its parameters, the client it acts for, and the
// cookies to set. Handlers read from it and build Clerk-shaped responses with it.
class Call {
 public:
  Call(const Services& services, const http::Request& request);

  const Services& services;
  const http::Request& request;
  const auth::AuthContext& auth() const { return services.auth; }

  // A form (or query) parameter; absent → nullopt. Throws request_body_invalid on a malformed body.
  std::optional<std::string> param(std::string_view name) const;
  std::string param_or_empty(std::string_view name) const { return param(name).value_or(""); }
  std::string path_param(const std::string& name) const;
  // The browser's Origin header (the token's azp), empty when absent.
  std::string origin() const;
  // The requesting browser as the user may be shown it: User-Agent (cut to a sane length) and
  // the client IP (server.trusted_proxies applied).
  auth::Device device() const;

  // The token in the browser's __client cookie, empty when it has none.
  std::string client_cookie() const;
  // The client this request acts for, from the dev-browser token or the __client cookie.
  // Throws dev_browser_unauthenticated for an unknown dev-browser token.
  std::optional<auth::Client> client();
  // The client's session with this id, read together with the client (which client() then
  // returns): absent when the client has none with that id.
  std::optional<auth::Session> client_session(const std::string& session_id);
  // The same for a sign-in of the client, with its user (for auth::SignInFlow::lend); absent
  // also when the client was already read.
  std::optional<auth::SignInWithUser> client_sign_in(const std::string& sign_in_id);
  // The client, made when the browser has none yet: then it is new (Client::is_new) until a flow
  // stores it, and its cookie is set only once it is stored.
  auth::Client& require_client();
  // The client as stored now, with its sessions and their users, in one read: at the first call
  // found by the request's token (as client()), afterwards re-read, since a flow may have changed
  // it. Updates client() (no client when a new one was never stored) and lends its users to
  // presented_user().
  std::optional<auth::ClientView> client_view();
  // When the client as this request last read it was updated (0 when none was read): what the
  // browser's __client_uat says once this response is applied.
  std::int64_t client_updated_at() const { return client_ ? client_->updated_at : 0; }
  // The request's client as the flow read it after its last write, for client_view() instead of
  // reading it again.
  void lend_client_view(auth::ClientView view) { lent_view_ = std::move(view); }

  // Clerk's envelope: {"response": response, "client": <the current client>}.
  http::Response envelope(nlohmann::json response);
  // The same, with the response built after the client is read, so that the users the client
  // lists serve the response too (a user record fewer for a sign-in that completed, a session, or
  // /v1/me).
  http::Response envelope_with(const std::function<nlohmann::json()>& build_response);
  // A user as the response presents it: read once per request, since presenting happens after
  // the request's changes (a client lists the user once per session, a sign-in once more).
  const std::optional<auth::UserRecord>& presented_user(const std::string& user_id);
  // A user record the request already holds, for presented_user() unless it has one; the
  // client's (client_view()) replaces it, being read after the request's writes.
  void present(const auth::UserRecord& user) { presented_users_.emplace(user.user.id, user); }
  http::Response bare(nlohmann::json body, int status = 200) const;

  void add_cookie(std::string set_cookie_header) {
    cookies_.push_back(std::move(set_cookie_header));
  }
  std::vector<std::string> cookies() const;
  // Set-Cookie for __client_uat on production instances (Clerk's FAPI sets it there).
  void set_client_uat();

 private:
  std::string client_token() const;
  bool dev_browser_mode() const;
  // Records what a read by the request's token found (nullptr: no client), as client() does;
  // throws dev_browser_unauthenticated for an unknown dev-browser token. True when found.
  bool take_found_client(auth::Client* found);

  std::optional<http::FormData> form_;
  bool form_invalid_ = false;
  bool client_loaded_ = false;
  std::optional<auth::Client> client_;
  std::optional<auth::ClientView> lent_view_;
  std::vector<std::string> cookies_;
  std::string new_client_cookie_;  // Set-Cookie for a client this request made
  std::map<std::string, std::optional<auth::UserRecord>> presented_users_;
};

}  // namespace tessera::fapi

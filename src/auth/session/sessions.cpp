#include "auth/session/sessions.h"

#include <algorithm>

#include "auth/client/client_registry.h"
#include "auth/error.h"
#include "auth/ids.h"

namespace tessera::auth {

Session Sessions::create(Client& client, const UserRecord& user, const SessionStart& start) {
  const auto now = ctx_.now();
  Session s;
  s.id = new_id(ctx_.random, "sess");
  s.client_id = client.id;
  s.user_id = user.user.id;
  // The known-weak password is replaced first: the second factor then joins a sound first one.
  if (start.password_fails_policy) s.tasks.emplace_back(kResetPasswordTask);
  if (ctx_.settings.require_mfa && !user.two_factor_enabled()) s.tasks.emplace_back(kSetupMfaTask);
  if (!s.tasks.empty()) s.status = "pending";
  s.first_factor_at = start.first_factor_at;
  s.second_factor_at = start.second_factor_at;
  s.last_active_at = now;
  s.expire_at = now + ctx_.settings.session_lifetime_ms;
  s.abandon_at = s.expire_at;
  s.created_at = s.updated_at = now;
  ctx_.store.create_session(s);
  client.last_active_session_id = s.id;
  client.updated_at = now;
  save_client(ctx_, client);
  return s;
}

std::vector<Session> Sessions::live_of_client(const std::string& client_id) {
  auto all = ctx_.store.sessions_of_client(client_id);
  const auto now = ctx_.now();
  std::erase_if(all, [now](const Session& s) { return !s.live(now); });
  return all;
}

Session Sessions::require_live(const Client& client, const std::string& session_id) {
  return require_live(client, ctx_.store.find_session(session_id));
}

Session Sessions::require_live(const Client& client, const std::optional<Session>& s) {
  if (!s || s->client_id != client.id)
    throw AuthError("resource_not_found", "", {{"resource", "session"}});
  // A session of this client that ended: the SDK re-reads the client and signs out locally.
  if (!s->live(ctx_.now())) throw AuthError("authentication_invalid");
  return *s;
}

Session Sessions::touch(Client& client, const std::string& session_id) {
  auto s = require_live(client, session_id);
  const auto now = ctx_.now();
  s.last_active_at = s.updated_at = now;
  ctx_.store.update_session(s);
  client.last_active_session_id = s.id;
  client.updated_at = now;
  save_client(ctx_, client);
  return s;
}

Session Sessions::finish(Client& client, const std::string& session_id, const std::string& status) {
  auto s = require_live(client, session_id);
  const auto now = ctx_.now();
  s.status = status;
  s.updated_at = now;
  ctx_.store.update_session(s);
  if (client.last_active_session_id == s.id) {
    const auto rest = live_of_client(client.id);
    client.last_active_session_id = rest.empty() ? "" : rest.front().id;
  }
  client.updated_at = now;
  save_client(ctx_, client);
  return s;
}

void Sessions::finish_all(Client& client) {
  const auto now = ctx_.now();
  for (auto s : live_of_client(client.id)) {
    s.status = "ended";
    s.updated_at = now;
    ctx_.store.update_session(s);
  }
  client.last_active_session_id.clear();
  client.updated_at = now;
  save_client(ctx_, client);
}

void Sessions::resolve_task(const std::string& user_id, std::string_view task) {
  const auto now = ctx_.now();
  for (auto s : ctx_.store.sessions_of_user(user_id)) {
    if (s.status != "pending" || !s.live(now)) continue;
    if (std::erase(s.tasks, std::string(task)) == 0) continue;
    if (s.tasks.empty()) s.status = "active";
    s.updated_at = now;
    ctx_.store.update_session(s);
  }
}

void Sessions::revoke_user_sessions(const std::string& user_id, const std::string& keep) {
  const auto now = ctx_.now();
  for (auto s : ctx_.store.sessions_of_user(user_id)) {
    if (s.id == keep || !s.live(now)) continue;
    s.status = "revoked";
    s.updated_at = now;
    ctx_.store.update_session(s);
  }
}

std::optional<Session> Sessions::acting(const Client& client, const std::string& session_id) {
  const auto& id = session_id.empty() ? client.last_active_session_id : session_id;
  if (id.empty()) return std::nullopt;
  auto s = ctx_.store.find_session(id);
  if (!s || s->client_id != client.id || !s->live(ctx_.now())) return std::nullopt;
  return s;
}

}  // namespace tessera::auth

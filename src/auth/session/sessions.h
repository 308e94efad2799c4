#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "auth/context.h"

namespace tessera::auth {

// What the sign-in or sign-up that creates a session established.
struct SessionStart {
  std::int64_t first_factor_at = 0;    // ms
  std::int64_t second_factor_at = 0;   // ms; 0 = no second factor
  bool password_fails_policy = false;  // the password used must be replaced
};

// Session lifecycle: created when a sign-in or sign-up completes, touched by the SDK on every
// setActive, ended by sign-out. A session is `pending` while it has tasks: `reset-password` when
// the sign-in's password fails the current policy, `setup-mfa` for a user without MFA on an
// instance that requires it. It turns `active` once the last one is resolved.
class Sessions {
 public:
  explicit Sessions(const AuthContext& ctx) : ctx_(ctx) {}

  // Creates the session and makes it the client's last active one.
  Session create(Client& client, const UserRecord& user, const SessionStart& start);
  // Sessions that count as signed in (active or pending, not expired), newest first.
  std::vector<Session> live_of_client(const std::string& client_id);
  // The client's live session with this id. Unknown (or another client's): resource_not_found;
  // ended or expired: authentication_invalid.
  Session require_live(const Client& client, const std::string& session_id);
  // The same, for a session already read with its client (absent: none with the id asked for).
  Session require_live(const Client& client, const std::optional<Session>& found);
  // Marks the session as used now and selects it as the client's active session.
  Session touch(Client& client, const std::string& session_id);
  // end: status "ended"; remove: status "removed". Either way it stops counting as signed in.
  Session finish(Client& client, const std::string& session_id, const std::string& status);
  // Sign out of every session on this client.
  void finish_all(Client& client);
  // Removes `task` from the user's live pending sessions; a session left without tasks becomes
  // active.
  void resolve_task(const std::string& user_id, std::string_view task);
  // Signs the user out everywhere but `keep` (a session id, may be empty): their live sessions
  // become "revoked". After a new password, when the old one may be known to someone else.
  void revoke_user_sessions(const std::string& user_id, const std::string& keep);
  // The session acting for /v1/me: the given id, or the client's last active session.
  std::optional<Session> acting(const Client& client, const std::string& session_id);

 private:
  const AuthContext& ctx_;
};

}  // namespace tessera::auth

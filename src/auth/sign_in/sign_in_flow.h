#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <utility>

#include "auth/context.h"
#include "auth/model/device.h"
#include "auth/session/sessions.h"

namespace tessera::auth {

struct SignInParams {
  std::optional<std::string> identifier;
  std::optional<std::string> password;
  // Absent with identifier+password = password (Core 3); reset_password_email_code creates the
  // sign-in and sends the reset code at once (the legacy forgot-password flow).
  std::optional<std::string> strategy;
};

// The password a forgot-password sign-in sets.
struct NewPassword {
  std::string password;
  bool sign_out_of_other_sessions = false;
};

// The sign-in state machine: needs_identifier → needs_first_factor → needs_second_factor |
// needs_client_trust → complete; a forgotten password goes needs_first_factor →
// (reset_password_email_code) needs_new_password → (reset_password) needs_second_factor | complete.
// Each call loads the attempt, checks it belongs to the client, applies one step and saves it
// (optimistically versioned, so concurrent steps cannot both win). Failed attempts are saved
// (attempt counters) before the error is thrown. Completing on a client new to the user sends them
// a new sign-in notice naming `device` (the requesting browser).
class SignInFlow {
 public:
  explicit SignInFlow(const AuthContext& ctx, Device device = {})
      : ctx_(ctx), sessions_(ctx), device_(std::move(device)) {}

  SignIn create(Client& client, const SignInParams& params);
  SignIn get(const Client& client, const std::string& id);
  SignIn prepare_first_factor(Client& client, const std::string& id, const std::string& strategy,
                              const std::string& factor_id);
  // `new_password` only with reset_password_email_code: the legacy flow sends it with the code,
  // and the password is set in the same step.
  SignIn attempt_first_factor(Client& client, const std::string& id, const std::string& strategy,
                              const std::string& secret,
                              const std::optional<NewPassword>& new_password = std::nullopt);
  // After a verified reset code: sets the new password (held to the policy for new ones) and
  // goes on as after any first factor, to the second factor of a user with MFA or to a session.
  // Client Trust does not apply: the emailed code proved the inbox. The user's other sessions are
  // revoked when asked.
  SignIn reset_password(Client& client, const std::string& id, const NewPassword& new_password);
  SignIn prepare_second_factor(Client& client, const std::string& id, const std::string& strategy,
                               const std::string& factor_id);
  SignIn attempt_second_factor(Client& client, const std::string& id, const std::string& strategy,
                               const std::string& code);

  // The sign-in's user as the last step read them at its start (absent for an unknown
  // identifier). A step changes nothing of theirs that the sign-in shows (factors, names), so
  // the sign-in can be presented with it without reading the user again.
  const std::optional<UserRecord>& user() const { return user_; }

  // A sign-in (with its user) the caller already read, together with its client: the step on
  // that id uses it instead of reading it again. It is checked like one read here.
  void lend(SignInWithUser read) { lent_ = std::move(read); }
  // After a step that started or completed the sign-in: its client as the step's transaction left
  // it (read in that transaction; PostgreSQL: in the commit's round trip), for the answer to show
  // without reading it again. Absent after other steps.
  std::optional<ClientView> take_client_view() { return std::exchange(step_view_, {}); }

 private:
  SignIn load(const Client& client, const std::string& id);
  SignIn load_for_update(const Client& client, const std::string& id);
  UserRecord user_of(const SignIn& sign_in);
  void save(SignIn& sign_in);
  void verify_password(Client& client, SignIn& sign_in, const std::string& password);
  // The hash check alone, writing nothing: false for a wrong password or an unknown user (after
  // the same work); throws when the user is locked or has no password.
  bool password_matches(const std::string& password, const std::optional<UserRecord>& user);
  // Records a correct password on the sign-in (and the user's counters, upgrading an old hash);
  // true when no further step is needed and the caller completes the sign-in.
  bool pass_password(const Client& client, SignIn& sign_in, UserRecord& user,
                     const std::string& password);
  // Checks an emailed first-factor code of `strategy`; on failure saves the attempt and throws.
  UserRecord pass_first_factor_code(SignIn& sign_in, const std::string& strategy,
                                    const std::string& code);
  void set_new_password(Client& client, SignIn& sign_in, UserRecord& user,
                        const NewPassword& new_password);
  void after_first_factor(Client& client, SignIn& sign_in, const UserRecord& user);
  // Moves the sign-in to the step after its first factor; true when there is none.
  bool completes_after_first_factor(const Client& client, SignIn& sign_in, const UserRecord& user);
  // Checks the code; for an authenticator code, returns the time step for complete() to claim.
  std::optional<std::int64_t> check_second_factor(SignIn& sign_in, const UserRecord& user,
                                                  const std::string& strategy,
                                                  const std::string& code);
  // Records a wrong authenticator or backup code and throws form_code_incorrect.
  [[noreturn]] void reject_code(SignIn& sign_in, const UserRecord& user,
                                const std::string& strategy);
  // Starts the session, in one transaction with claiming `totp_step` (WriteRefused when it was
  // used meanwhile: nothing is written then).
  void complete(Client& client, SignIn& sign_in, const UserRecord& user,
                std::optional<std::int64_t> totp_step = std::nullopt);
  void fail_attempt(SignIn& sign_in, const UserRecord& user);
  Verification decoy_verification(const std::string& strategy);

  const AuthContext& ctx_;
  Sessions sessions_;
  Device device_;
  std::optional<UserRecord> user_;
  std::optional<SignInWithUser> lent_;
  std::optional<ClientView> step_view_;
};

}  // namespace tessera::auth

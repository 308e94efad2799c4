#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "auth/model/client.h"
#include "auth/model/session.h"
#include "auth/model/sign_in.h"
#include "auth/model/sign_up.h"
#include "auth/model/signing_key.h"
#include "auth/model/user.h"

namespace tessera::auth {

// Thrown when a unique constraint (e.g. an email address) is already taken.
struct DuplicateError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// A client as its JSON shows it, read at once (PostgreSQL: one statement, one round trip).
struct ClientView {
  Client client;
  std::vector<Session> sessions;  // all of the client's, newest first (ended ones too)
  std::vector<UserRecord> users;  // the users of those sessions, each once
};

// A client with one of its sessions, read at once, for the calls that act on a session.
struct ClientSession {
  Client client;
  std::optional<Session> session;  // absent when the client has no session with that id
};

// A conditional write found its condition false. Inside a transaction a store may check the
// condition only when the transaction's writes reach the database (PostgreSQL sends them
// together), so this can come from a later call or from the commit; the transaction then writes
// nothing.
struct WriteRefused : std::runtime_error {
  enum class Reason {
    kTotpStepUsed,   // record_sign_in: the step is not later than the last one accepted
    kAttemptChanged  // save_sign_in: another request changed the sign-in first
  };
  WriteRefused(Reason why, const std::string& message) : std::runtime_error(message), reason(why) {}
  Reason reason;
};

// A sign-in with the record of its user, read at once, for the steps that check a factor.
struct SignInWithUser {
  SignIn sign_in;
  std::optional<UserRecord> user;  // absent before identification or when the user is gone
};

// A client with one of its sign-ins and that sign-in's user, read at once, for the sign-in steps.
struct ClientSignIn {
  Client client;
  std::optional<SignInWithUser> sign_in;  // absent when the client has no sign-in with that id
};

// Rows that can no longer be used, by kind (Store::purge_expired).
enum class Expired {
  kSignIns,   // abandoned (abandon_at) before the cut-off
  kSignUps,   // abandoned before it
  kSessions,  // expired (expire_at) before it, ended or not
  kClients,   // created before it (with their sessions and trust)
};

// Everything the domain keeps. Implementations: store/sqlite, store/postgres. One shared test
// suite (tests/unit/store/store_contract_test.cpp) runs against each.
//
// Every check-and-consume is one atomic operation in the implementation, never read-then-write
// in the domain: two server nodes on one database must not both accept the same code.
class Store {
 public:
  virtual ~Store() = default;

  // Runs fn inside one transaction; fn receives the store to use inside it. An exception from fn
  // rolls everything back and is rethrown. Inside it, a write that returns nothing may travel
  // with the next statement (PostgreSQL: one round trip for several), so its error (e.g.
  // DuplicateError) can come from a later call or from the commit; the transaction then writes
  // nothing either way. create_user reports a taken email at once.
  virtual void transaction(const std::function<void(Store&)>& fn) = 0;

  // --- users and identifiers
  // Creates the user and its (primary) email address; DuplicateError if the email is taken.
  virtual void create_user(const User& user, const EmailAddress& email) = 0;
  virtual void update_user(const User& user) = 0;
  // Sets last_sign_in_at and updated_at to `now`, leaving the rest of the row (counters written
  // meanwhile) as it is. With `totp_step` (the TOTP step the sign-in was completed with) the
  // same write accepts that step, only if it is later than the last one accepted:
  // WriteRefused(kTotpStepUsed) otherwise, and nothing written. Inside a transaction the refusal
  // may come only with its commit (PostgreSQL), which it fails.
  virtual void record_sign_in(const std::string& user_id, std::int64_t now,
                              std::optional<std::int64_t> totp_step) = 0;
  virtual std::optional<User> find_user(const std::string& user_id) = 0;
  virtual std::optional<UserRecord> find_user_record(const std::string& user_id) = 0;
  // Only verified addresses identify a user.
  virtual std::optional<UserRecord> find_user_by_email(const std::string& email) = 0;
  virtual std::int64_t count_users() = 0;

  virtual void add_phone_number(const PhoneNumber& phone) = 0;
  virtual void update_phone_number(const PhoneNumber& phone) = 0;
  virtual void delete_phone_number(const std::string& phone_id) = 0;

  // --- second factors
  // Atomically accepts a TOTP time step only if it is later than the last one accepted.
  virtual bool advance_totp_step(const std::string& user_id, std::int64_t step) = 0;
  // Forgets the last accepted step: a new TOTP secret starts with no history.
  virtual void reset_totp_step(const std::string& user_id) = 0;
  // Replaces all backup codes of the user with these hashes.
  virtual void replace_backup_codes(const std::string& user_id,
                                    const std::vector<std::string>& code_hashes) = 0;
  // Atomically marks the unused code with this hash as used; false if none matched.
  virtual bool consume_backup_code(const std::string& user_id, const std::string& code_hash,
                                   std::int64_t now) = 0;
  virtual int count_backup_codes(const std::string& user_id) = 0;

  // --- lockout: atomic counters on the user row
  // Adds one failure; when it reaches `threshold`, locks the user until now + lock_ms.
  // Returns the number of consecutive failures after this one.
  virtual int record_failed_attempt(const std::string& user_id, std::int64_t now, int threshold,
                                    std::int64_t lock_ms) = 0;
  virtual void reset_failed_attempts(const std::string& user_id) = 0;

  // --- clients
  virtual void create_client(const Client& client) = 0;
  virtual void update_client(const Client& client) = 0;
  virtual std::optional<Client> find_client(const std::string& client_id) = 0;
  virtual std::optional<Client> find_client_by_token_hash(const std::string& token_hash) = 0;
  virtual std::optional<ClientView> find_client_view(const std::string& client_id) = 0;
  virtual std::optional<ClientView> find_client_view_by_token_hash(
      const std::string& token_hash) = 0;
  virtual std::optional<ClientSession> find_client_session_by_token_hash(
      const std::string& token_hash, const std::string& session_id) = 0;
  // Trust is granted once: marking again keeps the original time. `newly_trusted` tells if the
  // client was not trusted for the user before; inside a transaction it may be set only when the
  // transaction commits.
  virtual void mark_client_trusted(const std::string& client_id, const std::string& user_id,
                                   std::int64_t now, bool& newly_trusted) = 0;
  virtual bool is_client_trusted(const std::string& client_id, const std::string& user_id) = 0;
  // find_client_view for a transaction, after its last write: the client as the transaction
  // leaves it, in `view` by the commit (PostgreSQL reads it in the commit's round trip).
  virtual void find_client_view_at_commit(const std::string& client_id,
                                          std::optional<ClientView>& view) {
    view = find_client_view(client_id);
  }

  // --- sign-in and sign-up attempts (optimistic concurrency on `version`)
  virtual void create_sign_in(const SignIn& sign_in) = 0;
  // Writes only if the stored version equals sign_in.version; then bumps sign_in.version.
  virtual bool update_sign_in(SignIn& sign_in) = 0;
  // update_sign_in for a transaction: WriteRefused(kAttemptChanged) when the version differs.
  virtual void save_sign_in(SignIn& sign_in) {
    if (!update_sign_in(sign_in))
      throw WriteRefused(WriteRefused::Reason::kAttemptChanged, "sign-in changed meanwhile");
  }
  virtual std::optional<SignIn> find_sign_in(const std::string& id) = 0;
  virtual std::optional<SignInWithUser> find_sign_in_with_user(const std::string& id) = 0;
  virtual std::optional<ClientSignIn> find_client_sign_in_by_token_hash(
      const std::string& token_hash, const std::string& sign_in_id) = 0;
  virtual void create_sign_up(const SignUp& sign_up) = 0;
  virtual bool update_sign_up(SignUp& sign_up) = 0;
  virtual std::optional<SignUp> find_sign_up(const std::string& id) = 0;

  // --- sessions
  virtual void create_session(const Session& session) = 0;
  virtual void update_session(const Session& session) = 0;
  virtual std::optional<Session> find_session(const std::string& id) = 0;
  // Newest first.
  virtual std::vector<Session> sessions_of_client(const std::string& client_id) = 0;
  virtual std::vector<Session> sessions_of_user(const std::string& user_id) = 0;

  // --- signing keys (newest first)
  virtual void add_signing_key(const SigningKey& key) = 0;
  virtual std::vector<SigningKey> signing_keys() = 0;
  virtual void retire_signing_keys_except(const std::string& kid) = 0;

  // --- housekeeping
  // Deletes up to `limit` rows of that kind from before `before` (ms); returns how many. Small
  // batches keep each write short next to a serving node.
  virtual int purge_expired(Expired kind, std::int64_t before, int limit) = 0;

  // --- instance-wide small values (e.g. a generated development instance key)
  virtual std::optional<std::string> get_setting(const std::string& name) = 0;
  // Sets the value only if unset; returns the value that is stored afterwards.
  virtual std::string put_setting_if_absent(const std::string& name, const std::string& value) = 0;
};

}  // namespace tessera::auth

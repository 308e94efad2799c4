#pragma once
#include <functional>
#include <initializer_list>
#include <memory>
#include <string>
#include <vector>

#include "auth/store.h"
#include "store/client_view_cache.h"
#include "store/postgres/change_listener.h"
#include "store/postgres/connection_pool.h"
#include "store/postgres/pg_error.h"

namespace tessera::store::postgres {

// auth::Store on PostgreSQL, for several Tessera nodes serving one instance. Each call borrows a
// connection from a pool; transaction(fn) pins one connection to the calling thread until it
// ends, so every call fn makes on this store from that thread joins the transaction (a nested
// transaction is a SAVEPOINT). Check-and-consume operations are single conditional statements
// (READ COMMITTED re-checks their WHERE clause against the newest row version), so two nodes can
// never both accept one code; serialization failures and deadlocks in them are retried.
//
// As always with PostgreSQL, a statement that fails inside a transaction aborts the whole
// transaction: let the exception end it (the store's own multi-statement calls use savepoints).
//
// Every write that changes what a client view shows (a client, a session, a user as the client
// JSON presents it) announces its keys on the change channel (store/postgres/change_feed.h) in
// its own transaction, whether or not this node caches: another node may. With
// `client_cache` > 0, client views read by token hash outside a transaction are kept in a
// ClientViewCache that a ChangeListener keeps honest (see there for how stale it can be).
class PostgresStore final : public auth::Store {
 public:
  static constexpr int kDefaultPoolSize = 8;
  static constexpr int kDefaultClientCache = 10000;

  // `conninfo`: a postgres:// URL or libpq "key=value" string. Connects, and brings the schema up
  // to date under an advisory lock (safe when several nodes start at once).
  explicit PostgresStore(const std::string& conninfo, int pool_size = kDefaultPoolSize,
                         int client_cache = 0);
  ~PostgresStore() override;

  // True while this node serves client views from memory: it caches them, and its change
  // listener has heard its own ping lately (for monitoring and tests).
  bool caching() const { return cache_ && cache_->trusted(); }
  // The server process that listens for changes for this node; 0 while none (or no cache).
  int listener_pid() const { return listener_ ? listener_->backend_pid() : 0; }
  // Where this store announces its changes (change_feed.h).
  const std::string& channel() const { return channel_; }

  void transaction(const std::function<void(Store&)>& fn) override;

  void create_user(const auth::User& user, const auth::EmailAddress& email) override;
  void update_user(const auth::User& user) override;
  void record_sign_in(const std::string& user_id, std::int64_t now,
                      std::optional<std::int64_t> totp_step) override;
  std::optional<auth::User> find_user(const std::string& user_id) override;
  std::optional<auth::UserRecord> find_user_record(const std::string& user_id) override;
  std::optional<auth::UserRecord> find_user_by_email(const std::string& email) override;
  std::int64_t count_users() override;

  void add_phone_number(const auth::PhoneNumber& phone) override;
  void update_phone_number(const auth::PhoneNumber& phone) override;
  void delete_phone_number(const std::string& phone_id) override;

  bool advance_totp_step(const std::string& user_id, std::int64_t step) override;
  void reset_totp_step(const std::string& user_id) override;
  void replace_backup_codes(const std::string& user_id,
                            const std::vector<std::string>& code_hashes) override;
  bool consume_backup_code(const std::string& user_id, const std::string& code_hash,
                           std::int64_t now) override;
  int count_backup_codes(const std::string& user_id) override;

  int record_failed_attempt(const std::string& user_id, std::int64_t now, int threshold,
                            std::int64_t lock_ms) override;
  void reset_failed_attempts(const std::string& user_id) override;

  void create_client(const auth::Client& client) override;
  void update_client(const auth::Client& client) override;
  std::optional<auth::Client> find_client(const std::string& client_id) override;
  std::optional<auth::Client> find_client_by_token_hash(const std::string& token_hash) override;
  std::optional<auth::ClientView> find_client_view(const std::string& client_id) override;
  std::optional<auth::ClientView> find_client_view_by_token_hash(
      const std::string& token_hash) override;
  std::optional<auth::ClientSession> find_client_session_by_token_hash(
      const std::string& token_hash, const std::string& session_id) override;
  void mark_client_trusted(const std::string& client_id, const std::string& user_id,
                           std::int64_t now, bool& newly_trusted) override;
  bool is_client_trusted(const std::string& client_id, const std::string& user_id) override;
  void find_client_view_at_commit(const std::string& client_id,
                                  std::optional<auth::ClientView>& view) override;

  void create_sign_in(const auth::SignIn& sign_in) override;
  bool update_sign_in(auth::SignIn& sign_in) override;
  void save_sign_in(auth::SignIn& sign_in) override;
  std::optional<auth::SignIn> find_sign_in(const std::string& id) override;
  std::optional<auth::SignInWithUser> find_sign_in_with_user(const std::string& id) override;
  std::optional<auth::ClientSignIn> find_client_sign_in_by_token_hash(
      const std::string& token_hash, const std::string& sign_in_id) override;
  void create_sign_up(const auth::SignUp& sign_up) override;
  bool update_sign_up(auth::SignUp& sign_up) override;
  std::optional<auth::SignUp> find_sign_up(const std::string& id) override;

  void create_session(const auth::Session& session) override;
  void update_session(const auth::Session& session) override;
  std::optional<auth::Session> find_session(const std::string& id) override;
  std::vector<auth::Session> sessions_of_client(const std::string& client_id) override;
  std::vector<auth::Session> sessions_of_user(const std::string& user_id) override;

  void add_signing_key(const auth::SigningKey& key) override;
  std::vector<auth::SigningKey> signing_keys() override;
  void retire_signing_keys_except(const std::string& kid) override;

  int purge_expired(auth::Expired kind, std::int64_t before, int limit) override;

  std::optional<std::string> get_setting(const std::string& name) override;
  std::string put_setting_if_absent(const std::string& name, const std::string& value) override;

 private:
  static constexpr int kAtomicAttempts = 4;

  // The connection an open transaction of this thread on this store pinned, or nullptr.
  Connection* pinned() const;

  // fn(Connection&) on the pinned connection, or on one borrowed for this call.
  template <class Fn>
  decltype(auto) with_connection(Fn&& fn) {
    if (Connection* connection = pinned()) return fn(*connection);
    auto lease = pool_.acquire();
    return fn(*lease);
  }

  // fn(), run again on a serialization failure or deadlock unless inside a caller's transaction
  // (which the failure has aborted: only the caller can retry it).
  template <class Fn>
  decltype(auto) retrying(Fn&& fn) {
    for (int attempt = 1;; ++attempt) {
      try {
        return fn();
      } catch (const SerializationFailure&) {
        if (pinned() != nullptr || attempt == kAtomicAttempts) throw;
      }
    }
  }

  // A write whose result nobody reads: inside a transaction it waits to travel with the next
  // statement (Connection::defer), outside one it runs at once.
  void write(const std::string& sql, const Params& p);

  // A conditional write as one statement, retried like any other: true when it changed exactly
  // one row (a code consumed, a TOTP step advanced, a client newly trusted).
  bool changes_one_row(const std::string& sql, const Params& p);

  // `begin` … COMMIT on a pinned connection, or SAVEPOINT … RELEASE when this thread already has
  // a transaction open on this store. An exception rolls the level back and is rethrown.
  void in_transaction(const std::function<void()>& body, const char* begin = "BEGIN");

  // fn() as a write that changes what `keys` name (ClientViewCache::client_key, user_key).
  // Inside a transaction the keys are announced with its COMMIT. Outside one, the announcement
  // goes in one pipeline with fn's statements, so in one implicit transaction and one round
  // trip: nobody hears of a change that was not committed. fn must not open a transaction.
  void announcing(std::initializer_list<std::string> keys, const std::function<void()>& fn);
  // Inside a transaction: notes a change to announce with its COMMIT.
  void note_change(std::string key);
  // Inside a transaction: notes a row it creates. No cache can hold that row yet, so a change to
  // it in the same transaction need not be announced.
  void note_created(std::string key);
  // After a commit: this node's cache forgets at once what the announcement will tell it later.
  void changed_here(const std::vector<std::string>& keys);

  // Runs a user-record query (one `?`, bound to value) and reads the record it returns.
  std::optional<auth::UserRecord> load_user_record(const std::string& sql,
                                                   const std::string& value);
  std::optional<auth::Client> load_client(const std::string& sql, const std::string& value);
  // Runs a client-view query (one `?`, bound to value): the client with its sessions and users.
  std::optional<auth::ClientView> load_client_view(const std::string& sql,
                                                   const std::string& value);
  std::vector<auth::Session> sessions_where(const std::string& column, const std::string& value);

  ConnectionPool pool_;
  std::string channel_;  // change_channel() of the schema this store's tables are in
  std::unique_ptr<ClientViewCache> cache_;
  std::unique_ptr<ChangeListener> listener_;  // after cache_: stops before it goes
};

}  // namespace tessera::store::postgres

namespace tessera::store {
using postgres::PostgresStore;
}  // namespace tessera::store

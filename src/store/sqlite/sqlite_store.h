#pragma once
#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "auth/store.h"
#include "store/sqlite/connection.h"
#include "store/sqlite/reader_pool.h"
#include "store/sqlite/wal_checkpointer.h"

namespace tessera::store::sqlite {

// auth::Store on one SQLite database (a file, or ":memory:"). Writes go through one connection,
// one call at a time; a transaction holds that lock until it ends, and reads inside it use the
// same connection. Other reads of a file use connections of their own (WAL lets them run beside
// the writer and each other), so reading threads do not queue on the lock. Check-and-consume
// operations are single conditional statements, so they stay atomic even when several
// processes share the file.
class SqliteStore final : public auth::Store {
 public:
  // Opens or creates the database and brings its schema up to date.
  explicit SqliteStore(const std::string& path);
  ~SqliteStore() override;

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

  void create_sign_in(const auth::SignIn& sign_in) override;
  bool update_sign_in(auth::SignIn& sign_in) override;
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
  using Lock = std::lock_guard<std::recursive_mutex>;

  // A connection for reading: inside this thread's transaction (or for ":memory:", which other
  // connections cannot see) the writer under the lock, else a pooled reader.
  ReaderPool::Lease read();

  static std::optional<auth::SignIn> load_sign_in(Connection& db, const std::string& id);
  // The sign-in with its user (if it names one that exists); call inside a read snapshot.
  static std::optional<auth::SignInWithUser> load_sign_in_with_user(Connection& db,
                                                                    const std::string& id);
  // The user with its addresses, phones and remaining backup codes, from one snapshot of db.
  static std::optional<auth::UserRecord> load_user_record(Connection& db,
                                                          const std::string& user_id);
  static int count_unused_backup_codes(Connection& db, const std::string& user_id);
  static std::vector<auth::Session> sessions_where(Connection& db, const std::string& column,
                                                   const std::string& value);
  // The client that client_sql (one `?`, bound to value) finds, with its sessions and their
  // users, from one snapshot.
  std::optional<auth::ClientView> load_client_view(const std::string& client_sql,
                                                   const std::string& value);

  const bool in_memory_;
  std::recursive_mutex mutex_;
  Connection db_;
  std::atomic<std::thread::id> transaction_thread_;
  ReaderPool readers_;
  std::unique_ptr<WalCheckpointer> checkpointer_;  // files only: ":memory:" has no log
};

}  // namespace tessera::store::sqlite

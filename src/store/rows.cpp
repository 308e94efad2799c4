#include "store/sqlite/rows.h"

#include <algorithm>
#include <sstream>

namespace tessera::store::sqlite {
namespace {

std::string verification_columns(const std::string& prefix) {
  return prefix + "_status, " + prefix + "_strategy, " + prefix + "_attempts, " + prefix +
         "_expire_at, " + prefix + "_sent_at, " + prefix + "_code_hash, " + prefix + "_target_id";
}

void bind_verification(Statement& s, const auth::Verification& v) {
  s.bind(v.status)
      .bind(v.strategy)
      .bind(v.attempts)
      .bind(v.expire_at)
      .bind(v.sent_at)
      .bind(v.code_hash)
      .bind(v.target_id);
}

auth::Verification read_verification(Statement& s) {
  auth::Verification v;
  v.status = s.next_text();
  v.strategy = s.next_text();
  v.attempts = s.next_int();
  v.expire_at = s.next_int64();
  v.sent_at = s.next_int64();
  v.code_hash = s.next_text();
  v.target_id = s.next_text();
  return v;
}

// Task keys are short identifiers such as "setup-mfa"; they never contain a comma.
std::string join_tasks(const std::vector<std::string>& tasks) {
  std::string joined;
  for (const auto& task : tasks) {
    if (!joined.empty()) joined += ',';
    joined += task;
  }
  return joined;
}

std::vector<std::string> split_tasks(const std::string& joined) {
  std::vector<std::string> tasks;
  std::stringstream in(joined);
  for (std::string task; std::getline(in, task, ',');)
    if (!task.empty()) tasks.push_back(task);
  return tasks;
}

}  // namespace

std::string placeholders(const std::string& columns) {
  const auto n = std::count(columns.begin(), columns.end(), ',') + 1;
  std::string text = "?";
  for (int i = 1; i < n; ++i) text += ", ?";
  return text;
}

std::string assignments(const std::string& columns) {
  std::string text;
  std::stringstream in(columns);
  for (std::string column; std::getline(in, column, ',');) {
    column.erase(0, column.find_first_not_of(' '));
    if (!text.empty()) text += ", ";
    text += column + " = ?";
  }
  return text;
}

// --- users

const std::string& user_profile_columns() {
  static const std::string text =
      "password_hash, primary_email_address_id, primary_phone_number_id, first_name, last_name, "
      "username, totp_secret_sealed, totp_verified, totp_created_at, backup_code_salt, "
      "last_sign_in_at, mfa_enabled_at, created_at, updated_at";
  return text;
}
const std::string& user_counter_columns() {
  static const std::string text = "totp_last_step, failed_attempts, locked_until";
  return text;
}

void bind_user_profile(Statement& s, const auth::User& u) {
  s.bind(u.password_hash)
      .bind(u.primary_email_address_id)
      .bind(u.primary_phone_number_id)
      .bind(u.first_name)
      .bind(u.last_name)
      .bind(u.username)
      .bind(u.totp_secret_sealed)
      .bind(u.totp_verified)
      .bind(u.totp_created_at)
      .bind(u.backup_code_salt)
      .bind(u.last_sign_in_at)
      .bind(u.mfa_enabled_at)
      .bind(u.created_at)
      .bind(u.updated_at);
}

void bind_user_counters(Statement& s, const auth::User& u) {
  s.bind(u.totp_last_step).bind(u.failed_attempts).bind(u.locked_until);
}

auth::User read_user(Statement& s) {
  auth::User u;
  u.id = s.next_text();
  u.password_hash = s.next_text();
  u.primary_email_address_id = s.next_text();
  u.primary_phone_number_id = s.next_text();
  u.first_name = s.next_text();
  u.last_name = s.next_text();
  u.username = s.next_text();
  u.totp_secret_sealed = s.next_text();
  u.totp_verified = s.next_bool();
  u.totp_created_at = s.next_int64();
  u.backup_code_salt = s.next_text();
  u.last_sign_in_at = s.next_int64();
  u.mfa_enabled_at = s.next_int64();
  u.created_at = s.next_int64();
  u.updated_at = s.next_int64();
  u.totp_last_step = s.next_int64();
  u.failed_attempts = s.next_int();
  u.locked_until = s.next_int64();
  return u;
}

// --- email addresses

const std::string& email_columns() {
  static const std::string text =
      "user_id, email, verified, verification_strategy, created_at, updated_at";
  return text;
}

void bind_email(Statement& s, const auth::EmailAddress& e) {
  s.bind(e.user_id)
      .bind(e.email)
      .bind(e.verified)
      .bind(e.verification_strategy)
      .bind(e.created_at)
      .bind(e.updated_at);
}

auth::EmailAddress read_email(Statement& s) {
  auth::EmailAddress e;
  e.id = s.next_text();
  e.user_id = s.next_text();
  e.email = s.next_text();
  e.verified = s.next_bool();
  e.verification_strategy = s.next_text();
  e.created_at = s.next_int64();
  e.updated_at = s.next_int64();
  return e;
}

// --- phone numbers

const std::string& phone_columns() {
  static const std::string text =
      "user_id, phone, reserved_for_second_factor, default_second_factor, " +
      verification_columns("verification") + ", created_at, updated_at";
  return text;
}

void bind_phone(Statement& s, const auth::PhoneNumber& p) {
  s.bind(p.user_id).bind(p.phone).bind(p.reserved_for_second_factor).bind(p.default_second_factor);
  bind_verification(s, p.verification);
  s.bind(p.created_at).bind(p.updated_at);
}

auth::PhoneNumber read_phone(Statement& s) {
  auth::PhoneNumber p;
  p.id = s.next_text();
  p.user_id = s.next_text();
  p.phone = s.next_text();
  p.reserved_for_second_factor = s.next_bool();
  p.default_second_factor = s.next_bool();
  p.verification = read_verification(s);
  p.created_at = s.next_int64();
  p.updated_at = s.next_int64();
  return p;
}

// --- clients

const std::string& client_columns() {
  static const std::string text =
      "token_hash, sign_in_id, sign_up_id, last_active_session_id, created_at, updated_at";
  return text;
}

void bind_client(Statement& s, const auth::Client& c) {
  s.bind(c.token_hash)
      .bind(c.sign_in_id)
      .bind(c.sign_up_id)
      .bind(c.last_active_session_id)
      .bind(c.created_at)
      .bind(c.updated_at);
}

auth::Client read_client(Statement& s) {
  auth::Client c;
  c.id = s.next_text();
  c.token_hash = s.next_text();
  c.sign_in_id = s.next_text();
  c.sign_up_id = s.next_text();
  c.last_active_session_id = s.next_text();
  c.created_at = s.next_int64();
  c.updated_at = s.next_int64();
  return c;
}

// --- sign-ins

const std::string& sign_in_columns() {
  static const std::string text = "client_id, status, identifier, user_id, " +
                                  verification_columns("first_factor") + ", " +
                                  verification_columns("second_factor") +
                                  ", created_session_id, client_trust_state, created_at, "
                                  "updated_at, abandon_at";
  return text;
}

void bind_sign_in(Statement& s, const auth::SignIn& si) {
  s.bind(si.client_id).bind(si.status).bind(si.identifier).bind(si.user_id);
  bind_verification(s, si.first_factor);
  bind_verification(s, si.second_factor);
  s.bind(si.created_session_id)
      .bind(si.client_trust_state)
      .bind(si.created_at)
      .bind(si.updated_at)
      .bind(si.abandon_at);
}

auth::SignIn read_sign_in(Statement& s) {
  auth::SignIn si;
  si.id = s.next_text();
  si.client_id = s.next_text();
  si.status = s.next_text();
  si.identifier = s.next_text();
  si.user_id = s.next_text();
  si.first_factor = read_verification(s);
  si.second_factor = read_verification(s);
  si.created_session_id = s.next_text();
  si.client_trust_state = s.next_text();
  si.created_at = s.next_int64();
  si.updated_at = s.next_int64();
  si.abandon_at = s.next_int64();
  si.version = s.next_int();
  return si;
}

// --- sign-ups

const std::string& sign_up_columns() {
  static const std::string text =
      "client_id, status, email_address, password_hash, first_name, last_name, locale, " +
      verification_columns("email_verification") +
      ", created_user_id, created_session_id, created_at, updated_at, abandon_at";
  return text;
}

void bind_sign_up(Statement& s, const auth::SignUp& su) {
  s.bind(su.client_id)
      .bind(su.status)
      .bind(su.email_address)
      .bind(su.password_hash)
      .bind(su.first_name)
      .bind(su.last_name)
      .bind(su.locale);
  bind_verification(s, su.email_verification);
  s.bind(su.created_user_id)
      .bind(su.created_session_id)
      .bind(su.created_at)
      .bind(su.updated_at)
      .bind(su.abandon_at);
}

auth::SignUp read_sign_up(Statement& s) {
  auth::SignUp su;
  su.id = s.next_text();
  su.client_id = s.next_text();
  su.status = s.next_text();
  su.email_address = s.next_text();
  su.password_hash = s.next_text();
  su.first_name = s.next_text();
  su.last_name = s.next_text();
  su.locale = s.next_text();
  su.email_verification = read_verification(s);
  su.created_user_id = s.next_text();
  su.created_session_id = s.next_text();
  su.created_at = s.next_int64();
  su.updated_at = s.next_int64();
  su.abandon_at = s.next_int64();
  su.version = s.next_int();
  return su;
}

// --- sessions

const std::string& session_columns() {
  static const std::string text =
      "client_id, user_id, status, tasks, first_factor_at, second_factor_at, last_active_at, "
      "expire_at, abandon_at, created_at, updated_at";
  return text;
}

void bind_session(Statement& s, const auth::Session& se) {
  s.bind(se.client_id)
      .bind(se.user_id)
      .bind(se.status)
      .bind(join_tasks(se.tasks))
      .bind(se.first_factor_at)
      .bind(se.second_factor_at)
      .bind(se.last_active_at)
      .bind(se.expire_at)
      .bind(se.abandon_at)
      .bind(se.created_at)
      .bind(se.updated_at);
}

auth::Session read_session(Statement& s) {
  auth::Session se;
  se.id = s.next_text();
  se.client_id = s.next_text();
  se.user_id = s.next_text();
  se.status = s.next_text();
  se.tasks = split_tasks(s.next_text());
  se.first_factor_at = s.next_int64();
  se.second_factor_at = s.next_int64();
  se.last_active_at = s.next_int64();
  se.expire_at = s.next_int64();
  se.abandon_at = s.next_int64();
  se.created_at = s.next_int64();
  se.updated_at = s.next_int64();
  return se;
}

// --- signing keys

const std::string& signing_key_columns() {
  static const std::string text = "private_key_sealed, public_key_pem, active, created_at";
  return text;
}

void bind_signing_key(Statement& s, const auth::SigningKey& k) {
  s.bind(k.private_key_sealed).bind(k.public_key_pem).bind(k.active).bind(k.created_at);
}

auth::SigningKey read_signing_key(Statement& s) {
  auth::SigningKey k;
  k.kid = s.next_text();
  k.private_key_sealed = s.next_text();
  k.public_key_pem = s.next_text();
  k.active = s.next_bool();
  k.created_at = s.next_int64();
  return k;
}

}  // namespace tessera::store::sqlite

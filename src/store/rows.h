#pragma once
#include <string>
#include <vector>

#include "auth/model/client.h"
#include "auth/model/session.h"
#include "auth/model/sign_in.h"
#include "auth/model/sign_up.h"
#include "auth/model/signing_key.h"
#include "auth/model/user.h"

// How each model maps to its table, shared by every SQL store (sqlite/, postgres/): the tables
// have the same columns in every dialect. For every model, `…_columns()` lists its columns except
// the key (id / kid), in the order `bind_…` binds them and `read_…` reads them (`read_…` reads the
// key first). SELECT, INSERT and UPDATE texts are built from that one list, so they cannot drift
// apart from the binding code.
//
// `bind_…` take any parameter sink with chainable `bind(const std::string&)`, `bind(std::int64_t)`,
// `bind(int)` and `bind(bool)`; `read_…` take any row cursor with `next_text()`, `next_int64()`,
// `next_int()` and `next_bool()` (sqlite::Statement; postgres::Params and postgres::Result).
// SQL texts use `?` placeholders; the PostgreSQL connection numbers them ($1, $2, …).
namespace tessera::store {

// "a, b" -> "?, ?"
std::string placeholders(const std::string& columns);
// "a, b" -> "a = ?, b = ?"
std::string assignments(const std::string& columns);

// Verification is embedded as seven columns sharing a prefix.
std::string verification_columns(const std::string& prefix);

// Session tasks are stored comma-separated; task keys ("setup-mfa") never contain a comma.
std::string join_tasks(const std::vector<std::string>& tasks);
std::vector<std::string> split_tasks(const std::string& joined);

// Users are split in two: the counters only atomic operations change (totp_last_step,
// failed_attempts, locked_until) are not written by update_user, so a stale copy of a user
// can never undo a consumed TOTP step or a lockout.
const std::string& user_profile_columns();
const std::string& user_counter_columns();
const std::string& email_columns();
const std::string& phone_columns();
const std::string& client_columns();
// Sign-ins and sign-ups: `version` is not in the list; read_… reads it last.
const std::string& sign_in_columns();
const std::string& sign_up_columns();
// SELECT of one sign-in by id (either dialect: "?" placeholders), as read_sign_in reads it.
const std::string& sign_in_by_id_sql();
const std::string& session_columns();
const std::string& signing_key_columns();

// --- verification (embedded)

template <class Params>
void bind_verification(Params& s, const auth::Verification& v) {
  s.bind(v.status)
      .bind(v.strategy)
      .bind(v.attempts)
      .bind(v.expire_at)
      .bind(v.sent_at)
      .bind(v.code_hash)
      .bind(v.target_id);
}

template <class Row>
auth::Verification read_verification(Row& s) {
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

// --- users

template <class Params>
void bind_user_profile(Params& s, const auth::User& u) {
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

template <class Params>
void bind_user_counters(Params& s, const auth::User& u) {
  s.bind(u.totp_last_step).bind(u.failed_attempts).bind(u.locked_until);
}

// id, profile, counters
template <class Row>
auth::User read_user(Row& s) {
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

template <class Params>
void bind_email(Params& s, const auth::EmailAddress& e) {
  s.bind(e.user_id)
      .bind(e.email)
      .bind(e.verified)
      .bind(e.verification_strategy)
      .bind(e.created_at)
      .bind(e.updated_at);
}

template <class Row>
auth::EmailAddress read_email(Row& s) {
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

template <class Params>
void bind_phone(Params& s, const auth::PhoneNumber& p) {
  s.bind(p.user_id).bind(p.phone).bind(p.reserved_for_second_factor).bind(p.default_second_factor);
  bind_verification(s, p.verification);
  s.bind(p.created_at).bind(p.updated_at);
}

template <class Row>
auth::PhoneNumber read_phone(Row& s) {
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

template <class Params>
void bind_client(Params& s, const auth::Client& c) {
  s.bind(c.token_hash)
      .bind(c.sign_in_id)
      .bind(c.sign_up_id)
      .bind(c.last_active_session_id)
      .bind(c.created_at)
      .bind(c.updated_at);
}

template <class Row>
auth::Client read_client(Row& s) {
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

template <class Params>
void bind_sign_in(Params& s, const auth::SignIn& si) {
  s.bind(si.client_id).bind(si.status).bind(si.identifier).bind(si.user_id);
  bind_verification(s, si.first_factor);
  bind_verification(s, si.second_factor);
  s.bind(si.created_session_id)
      .bind(si.client_trust_state)
      .bind(si.created_at)
      .bind(si.updated_at)
      .bind(si.abandon_at)
      .bind(si.password_fails_policy);
}

template <class Row>
auth::SignIn read_sign_in(Row& s) {
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
  si.password_fails_policy = s.next_bool();
  si.version = s.next_int();
  return si;
}

// --- sign-ups

template <class Params>
void bind_sign_up(Params& s, const auth::SignUp& su) {
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

template <class Row>
auth::SignUp read_sign_up(Row& s) {
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

template <class Params>
void bind_session(Params& s, const auth::Session& se) {
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

template <class Row>
auth::Session read_session(Row& s) {
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

template <class Params>
void bind_signing_key(Params& s, const auth::SigningKey& k) {
  s.bind(k.private_key_sealed).bind(k.public_key_pem).bind(k.active).bind(k.created_at);
}

template <class Row>
auth::SigningKey read_signing_key(Row& s) {
  auth::SigningKey k;
  k.kid = s.next_text();
  k.private_key_sealed = s.next_text();
  k.public_key_pem = s.next_text();
  k.active = s.next_bool();
  k.created_at = s.next_int64();
  return k;
}

}  // namespace tessera::store

#pragma once
#include <string>

#include "auth/model/client.h"
#include "auth/model/session.h"
#include "auth/model/sign_in.h"
#include "auth/model/sign_up.h"
#include "auth/model/signing_key.h"
#include "auth/model/user.h"
#include "store/sqlite/statement.h"

// How each model maps to its table. For every model, `…_columns()` lists its columns except the
// key (id / kid), in the order `bind_…` binds them and `read_…` reads them (`read_…` reads the
// key first). SELECT, INSERT and UPDATE texts are built from that one list, so they cannot
// drift apart from the binding code.
namespace tessera::store::sqlite {

// "a, b" -> "?, ?"
std::string placeholders(const std::string& columns);
// "a, b" -> "a = ?, b = ?"
std::string assignments(const std::string& columns);

// Users are split in two: the counters only atomic operations change (totp_last_step,
// failed_attempts, locked_until) are not written by update_user, so a stale copy of a user
// can never undo a consumed TOTP step or a lockout.
const std::string& user_profile_columns();
const std::string& user_counter_columns();
void bind_user_profile(Statement& s, const auth::User& user);
void bind_user_counters(Statement& s, const auth::User& user);
auth::User read_user(Statement& s);  // id, profile, counters

const std::string& email_columns();
void bind_email(Statement& s, const auth::EmailAddress& email);
auth::EmailAddress read_email(Statement& s);

const std::string& phone_columns();
void bind_phone(Statement& s, const auth::PhoneNumber& phone);
auth::PhoneNumber read_phone(Statement& s);

const std::string& client_columns();
void bind_client(Statement& s, const auth::Client& client);
auth::Client read_client(Statement& s);

// Sign-ins and sign-ups: `version` is not in the list; read_… reads it last.
const std::string& sign_in_columns();
void bind_sign_in(Statement& s, const auth::SignIn& sign_in);
auth::SignIn read_sign_in(Statement& s);

const std::string& sign_up_columns();
void bind_sign_up(Statement& s, const auth::SignUp& sign_up);
auth::SignUp read_sign_up(Statement& s);

const std::string& session_columns();
void bind_session(Statement& s, const auth::Session& session);
auth::Session read_session(Statement& s);

const std::string& signing_key_columns();
void bind_signing_key(Statement& s, const auth::SigningKey& key);
auth::SigningKey read_signing_key(Statement& s);

}  // namespace tessera::store::sqlite

#include "auth/sign_up/sign_up_flow.h"

#include "auth/client/client_registry.h"
#include "auth/code/one_time_code.h"
#include "auth/error.h"
#include "auth/identifiers.h"
#include "auth/ids.h"
#include "auth/password/password_policy.h"

namespace tessera::auth {

SignUp SignUpFlow::create(Client& client, const SignUpParams& params) {
  if (!ctx_.settings.sign_up_enabled) throw AuthError("sign_up_mode_restricted");
  if (ctx_.settings.single_session_mode && !client.is_new &&
      !sessions_.live_of_client(client.id).empty())
    throw AuthError("session_exists");
  if (params.strategy && *params.strategy != "password")
    throw AuthError("form_param_value_invalid", "strategy");
  const auto now = ctx_.now();
  SignUp su;
  su.id = new_id(ctx_.random, "sua");
  su.client_id = client.id;
  su.created_at = su.updated_at = now;
  su.abandon_at = now + ctx_.settings.sign_in_lifetime_ms;
  apply(su, params);
  ctx_.store.transaction([&](Store&) {
    ctx_.store.create_sign_up(su);
    client.sign_up_id = su.id;
    client.updated_at = now;
    save_client(ctx_, client);
  });
  return su;
}

SignUp SignUpFlow::update(Client& client, const std::string& id, const SignUpParams& params) {
  auto su = load(client, id);
  if (su.status == "complete") throw AuthError("client_state_invalid");
  apply(su, params);
  save(su);
  complete_if_ready(client, su);
  return su;
}

SignUp SignUpFlow::get(const Client& client, const std::string& id) { return load(client, id); }

// Validates everything before changing anything, so a bad field leaves the attempt untouched.
void SignUpFlow::apply(SignUp& su, const SignUpParams& params) {
  std::optional<std::string> email;
  if (params.email_address) {
    email = normalize_email(*params.email_address);
    if (email->empty()) throw AuthError("form_param_nil", "email_address");
    if (!is_valid_email(*email)) throw AuthError("form_param_format_invalid", "email_address");
    if (ctx_.store.find_user_by_email(*email))
      throw AuthError("form_identifier_exists", "email_address");
  }
  if (params.password) {
    if (!ctx_.settings.password_enabled) throw AuthError("form_param_unknown", "password");
    check_password_policy(ctx_.settings, *params.password);
  }
  for (const auto* name : {&params.first_name, &params.last_name})
    if (*name && name->value().size() > 256)
      throw AuthError("form_param_format_invalid",
                      name == &params.first_name ? "first_name" : "last_name");
  if (email && *email != su.email_address) {
    su.email_address = *email;
    su.email_verification = {};  // a new address must be verified again
  }
  if (params.password) su.password_hash = ctx_.hasher.hash(*params.password);
  if (params.first_name) su.first_name = *params.first_name;
  if (params.last_name) su.last_name = *params.last_name;
  if (params.locale) su.locale = params.locale->substr(0, 35);
}

SignUp SignUpFlow::prepare_verification(Client& client, const std::string& id,
                                        const std::string& strategy) {
  auto su = load(client, id);
  if (su.status == "complete") throw AuthError("client_state_invalid");
  if (strategy != "email_code") throw AuthError("form_param_value_invalid", "strategy");
  if (su.email_address.empty()) throw AuthError("form_param_missing", "email_address");
  if (su.email_verification.verified()) throw AuthError("verification_already_verified");
  su.email_verification =
      issue_code(ctx_, {"email_code", "", su.email_address, CodePurpose::sign_up_verification},
                 su.email_verification);
  save(su);
  return su;
}

SignUp SignUpFlow::attempt_verification(Client& client, const std::string& id,
                                        const std::string& strategy, const std::string& code) {
  auto su = load(client, id);
  if (su.status == "complete") throw AuthError("verification_already_verified");
  if (strategy != "email_code") throw AuthError("form_param_value_invalid", "strategy");
  if (code.empty()) throw AuthError("form_param_missing", "code");
  const auto result = check_code(ctx_, su.email_verification, code);
  save(su);
  throw_code_error(result);
  complete_if_ready(client, su);
  return su;
}

std::vector<std::string> SignUpFlow::missing_fields(const SignUp& su) const {
  std::vector<std::string> out;
  if (su.email_address.empty()) out.push_back("email_address");
  if (ctx_.settings.password_enabled && su.password_hash.empty()) out.push_back("password");
  return out;
}

void SignUpFlow::complete_if_ready(Client& client, SignUp& su) {
  if (!su.email_verification.verified() || !missing_fields(su).empty()) return;
  const auto now = ctx_.now();
  UserRecord record;
  auto& user = record.user;
  user.id = new_id(ctx_.random, "user");
  user.password_hash = su.password_hash;
  user.first_name = su.first_name;
  user.last_name = su.last_name;
  user.created_at = user.updated_at = user.last_sign_in_at = now;
  EmailAddress email;
  email.id = new_id(ctx_.random, "idn");
  email.user_id = user.id;
  email.email = su.email_address;
  email.verified = true;
  email.verification_strategy = "email_code";
  email.created_at = email.updated_at = now;
  user.primary_email_address_id = email.id;
  record.email_addresses.push_back(email);
  try {
    ctx_.store.transaction([&](Store&) {
      ctx_.store.create_user(user, email);
      client.sign_up_id.clear();  // saved with the session's start
      const auto session = sessions_.create(client, record, {.first_factor_at = now});
      su.status = "complete";
      su.created_user_id = user.id;
      su.created_session_id = session.id;
      save(su);
      // The device that signed up is trusted for this user (Client Trust).
      bool newly_trusted = false;  // always, for a new user
      ctx_.store.mark_client_trusted(client.id, user.id, now, newly_trusted);
    });
  } catch (const DuplicateError&) {  // another sign-up took the address since this one began
    throw AuthError("identification_claimed");
  }
}

SignUp SignUpFlow::load(const Client& client, const std::string& id) {
  auto su = ctx_.store.find_sign_up(id);
  if (!su || su->client_id != client.id || su->abandon_at <= ctx_.now())
    throw AuthError("resource_not_found", "", {{"resource", "sign_up"}});
  return *su;
}

void SignUpFlow::save(SignUp& su) {
  su.updated_at = ctx_.now();
  if (!ctx_.store.update_sign_up(su)) throw AuthError("conflict");
}

}  // namespace tessera::auth

#include "auth/sign_in/sign_in_flow.h"

#include <tuple>
#include <utility>

#include "auth/client/client_registry.h"
#include "auth/code/one_time_code.h"
#include "auth/error.h"
#include "auth/factors/backup_codes.h"
#include "auth/factors/factor_options.h"
#include "auth/factors/totp.h"
#include "auth/identifiers.h"
#include "auth/ids.h"
#include "auth/lockout.h"
#include "auth/notices/account_notice.h"
#include "auth/password/password_policy.h"
#include "crypto/encoding.h"

namespace tessera::auth {
namespace {

bool is_code_strategy(const std::string& s) {
  return s == "email_code" || s == "phone_code" || s == kResetPasswordEmailCode;
}

std::string address_of(const UserRecord& user, const FactorOption& option) {
  for (const auto& e : user.email_addresses)
    if (e.id == option.email_address_id) return e.email;
  for (const auto& p : user.phone_numbers)
    if (p.id == option.phone_number_id) return p.phone;
  return {};
}

}  // namespace

SignIn SignInFlow::create(Client& client, const SignInParams& params) {
  if (ctx_.settings.single_session_mode && !client.is_new &&
      !sessions_.live_of_client(client.id).empty())
    throw AuthError("session_exists");
  const auto now = ctx_.now();
  SignIn si;
  si.id = new_id(ctx_.random, "sia");
  si.client_id = client.id;
  si.created_at = si.updated_at = now;
  si.abandon_at = now + ctx_.settings.sign_in_lifetime_ms;

  const auto strategy = params.strategy.value_or(params.password ? "password" : "");
  const bool reset = strategy == kResetPasswordEmailCode;
  if (!strategy.empty() && strategy != "password" && !reset)
    throw AuthError("strategy_for_user_invalid");
  if (strategy == "password" && (!params.password || params.password->empty()))
    throw AuthError("form_param_missing", "password");
  if (reset && params.password) throw AuthError("form_param_unknown", "password");
  if (reset && !params.identifier) throw AuthError("form_param_missing", "identifier");

  std::optional<UserRecord> user;
  if (params.identifier) {
    si.identifier = normalize_email(*params.identifier);
    if (si.identifier.empty()) throw AuthError("form_param_nil", "identifier");
    user = ctx_.store.find_user_by_email(si.identifier);
    // With enumeration protection an unknown identifier looks like a known one until the
    // password fails, with the same error after the same work (a dummy hash is verified).
    if (!user && !ctx_.settings.enumeration_protection)
      throw AuthError("form_identifier_not_found", "identifier");
    if (user) si.user_id = user->user.id;
    si.status = "needs_first_factor";
  } else if (params.password) {
    throw AuthError("form_param_missing", "identifier");
  }
  // The password is checked before anything is written, so the attempt's writes (the sign-in,
  // the client pointing at it, the attempt counters) share one transaction.
  const bool correct = params.password && password_matches(*params.password, user);
  const bool wrong = params.password && !correct;
  bool completes = false;
  std::optional<ClientView> view;
  ctx_.store.transaction([&](Store&) {
    if (correct) completes = pass_password(client, si, *user, *params.password);
    ctx_.store.create_sign_in(si);
    client.sign_in_id = si.id;
    client.updated_at = now;
    save_client(ctx_, client);
    if (wrong && user) record_failed_attempt(ctx_, user->user);
    if (!wrong && !completes) ctx_.store.find_client_view_at_commit(client.id, view);  // last
  });
  if (wrong) throw AuthError("form_password_incorrect", "password");
  user_ = user;
  step_view_ = std::move(view);
  if (completes) complete(client, si, *user);
  if (reset) return prepare_first_factor(client, si.id, strategy, "");
  return si;
}

SignIn SignInFlow::get(const Client& client, const std::string& id) { return load(client, id); }

SignIn SignInFlow::prepare_first_factor(Client& client, const std::string& id,
                                        const std::string& strategy, const std::string& factor_id) {
  auto si = load_for_update(client, id);
  if (si.status != "needs_first_factor") throw AuthError("client_state_invalid");
  if (strategy == "password") return si;  // nothing to send
  if (si.user_id.empty()) {  // unknown identifier under enumeration protection: send nothing
    // Refused as for a known user: no reset code on an instance without passwords.
    if (!is_code_strategy(strategy) ||
        (strategy == kResetPasswordEmailCode && !ctx_.settings.password_enabled))
      throw AuthError("strategy_for_user_invalid");
    si.first_factor = decoy_verification(strategy);
    save(si);
    return si;
  }
  const auto user = user_of(si);
  const auto options = first_factor_options(user, ctx_.settings);
  const auto* option = find_option(options, strategy, factor_id);
  if (!option || !is_code_strategy(strategy)) throw AuthError("strategy_for_user_invalid");
  const auto purpose = strategy == kResetPasswordEmailCode ? CodePurpose::password_reset
                                                           : CodePurpose::second_factor;
  si.first_factor = issue_code(
      ctx_,
      {strategy, factor_id.empty() ? option->email_address_id + option->phone_number_id : factor_id,
       address_of(user, *option), purpose},
      si.first_factor);
  save(si);
  return si;
}

SignIn SignInFlow::attempt_first_factor(Client& client, const std::string& id,
                                        const std::string& strategy, const std::string& secret,
                                        const std::optional<NewPassword>& new_password) {
  auto si = load_for_update(client, id);
  if (si.status != "needs_first_factor") throw AuthError("client_state_invalid");
  if (new_password && strategy != kResetPasswordEmailCode)
    throw AuthError("form_param_unknown", "password");
  if (strategy == "password") {
    if (secret.empty()) throw AuthError("form_param_missing", "password");
    verify_password(client, si, secret);
  } else if (strategy == "email_code") {
    if (secret.empty()) throw AuthError("form_param_missing", "code");
    auto user = pass_first_factor_code(si, strategy, secret);
    after_first_factor(client, si, user);
  } else if (strategy == kResetPasswordEmailCode) {
    if (secret.empty()) throw AuthError("form_param_missing", "code");
    // A new password that would be refused is refused before the code is used up.
    if (new_password) check_password_policy(ctx_.settings, new_password->password);
    auto user = pass_first_factor_code(si, strategy, secret);
    si.status = "needs_new_password";
    if (new_password)
      set_new_password(client, si, user, *new_password);
    else
      save(si);
  } else {
    throw AuthError("strategy_for_user_invalid");
  }
  return si;
}

void SignInFlow::verify_password(Client& client, SignIn& si, const std::string& password) {
  std::optional<UserRecord> user;
  if (!si.user_id.empty()) user = user_of(si);
  if (!password_matches(password, user)) {
    if (user) fail_attempt(si, *user);
    throw AuthError("form_password_incorrect", "password");
  }
  if (pass_password(client, si, *user, password))
    complete(client, si, *user);
  else
    save(si);
}

bool SignInFlow::password_matches(const std::string& password,
                                  const std::optional<UserRecord>& user) {
  if (!user) {  // unknown identifier under enumeration protection: the same work, then a failure
    static const std::string dummy = ctx_.hasher.hash("tessera-enumeration-protection");
    ctx_.hasher.verify(dummy, password);
    return false;
  }
  ensure_not_locked(ctx_, user->user);
  if (user->user.password_hash.empty()) throw AuthError("strategy_for_user_invalid");
  return ctx_.hasher.verify(user->user.password_hash, password);
}

bool SignInFlow::pass_password(const Client& client, SignIn& si, UserRecord& user,
                               const std::string& password) {
  record_successful_attempt(ctx_, user.user);
  // Only now is the plaintext at hand: remember the verdict, not the password.
  si.password_fails_policy = !satisfies_password_policy(ctx_.settings, password);
  if (ctx_.hasher.needs_rehash(user.user.password_hash)) {
    user.user.password_hash = ctx_.hasher.hash(password);
    ctx_.store.update_user(user.user);
  }
  si.first_factor = Verification{"verified", "password", 1, 0, 0, "", ""};
  return completes_after_first_factor(client, si, user);
}

UserRecord SignInFlow::pass_first_factor_code(SignIn& si, const std::string& strategy,
                                              const std::string& code) {
  // The code sent is for one purpose: a sign-in code does not reset a password.
  if (si.first_factor.prepared() && si.first_factor.strategy != strategy)
    throw AuthError("verification_strategy_invalid");
  if (si.user_id.empty()) {  // a decoy: counts tries like a real code, never matches
    const auto result = check_code(ctx_, si.first_factor, code);
    save(si);
    throw_code_error(result == CodeCheck::ok ? CodeCheck::incorrect : result);
  }
  auto user = user_of(si);
  ensure_not_locked(ctx_, user.user);
  const auto result = check_code(ctx_, si.first_factor, code);
  if (result != CodeCheck::ok) {
    if (result == CodeCheck::incorrect || result == CodeCheck::failed)
      fail_attempt(si, user);
    else
      save(si);
    throw_code_error(result);
  }
  record_successful_attempt(ctx_, user.user);
  return user;
}

void SignInFlow::after_first_factor(Client& client, SignIn& si, const UserRecord& user) {
  if (completes_after_first_factor(client, si, user))
    complete(client, si, user);
  else
    save(si);
}

bool SignInFlow::completes_after_first_factor(const Client& client, SignIn& si,
                                              const UserRecord& user) {
  if (user.two_factor_enabled() && !second_factor_options(user, ctx_.settings).empty()) {
    si.status = "needs_second_factor";
    si.second_factor = {};
    return false;
  }
  // Clerk's Client Trust guards password sign-ins only: an emailed code already proves the
  // inbox, which is what the extra step would ask for.
  if (ctx_.settings.client_trust && si.first_factor.strategy == "password" &&
      !ctx_.store.is_client_trusted(client.id, user.user.id)) {
    si.status = "needs_client_trust";
    si.client_trust_state = "new";
    si.second_factor = {};
    return false;
  }
  return true;
}

SignIn SignInFlow::prepare_second_factor(Client& client, const std::string& id,
                                         const std::string& strategy,
                                         const std::string& factor_id) {
  auto si = load_for_update(client, id);
  const auto user = user_of(si);
  std::vector<FactorOption> options;
  if (si.status == "needs_second_factor")
    options = second_factor_options(user, ctx_.settings);
  else if (si.status == "needs_client_trust")
    options = client_trust_options(user);
  else
    throw AuthError("client_state_invalid");
  const auto* option = find_option(options, strategy, factor_id);
  if (!option) throw AuthError(options.empty() ? "no_second_factors" : "strategy_for_user_invalid");
  if (!is_code_strategy(strategy)) return si;  // totp and backup codes need nothing sent
  const auto purpose =
      si.status == "needs_client_trust" ? CodePurpose::client_trust : CodePurpose::second_factor;
  si.second_factor = issue_code(ctx_,
                                {strategy, option->email_address_id + option->phone_number_id,
                                 address_of(user, *option), purpose},
                                si.second_factor);
  save(si);
  return si;
}

SignIn SignInFlow::attempt_second_factor(Client& client, const std::string& id,
                                         const std::string& strategy, const std::string& code) {
  auto si = load_for_update(client, id);
  if (si.status != "needs_second_factor" && si.status != "needs_client_trust")
    throw AuthError("client_state_invalid");
  if (code.empty()) throw AuthError("form_param_missing", "code");
  const auto user = user_of(si);
  ensure_not_locked(ctx_, user.user);
  const auto options = si.status == "needs_client_trust"
                           ? client_trust_options(user)
                           : second_factor_options(user, ctx_.settings);
  if (!find_option(options, strategy, "")) throw AuthError("strategy_for_user_invalid");
  const auto before = std::pair(client, si);
  const auto totp_step = check_second_factor(si, user, strategy, code);
  if (si.status == "needs_client_trust") si.client_trust_state = "known";
  try {
    complete(client, si, user, totp_step);
  } catch (const WriteRefused& refused) {
    if (refused.reason != WriteRefused::Reason::kTotpStepUsed) throw;
    // The step was used meanwhile (a replay, or a concurrent attempt with the same code): the
    // attempt fails as a wrong code would, from the state it started in.
    std::tie(client, si) = before;
    reject_code(si, user, strategy);
  }
  record_successful_attempt(ctx_, user.user);
  return si;
}

// On failure saves the attempt (counters) and throws the matching error.
std::optional<std::int64_t> SignInFlow::check_second_factor(SignIn& si, const UserRecord& user,
                                                            const std::string& strategy,
                                                            const std::string& code) {
  if (is_code_strategy(strategy)) {
    if (si.second_factor.strategy != strategy) throw AuthError("verification_not_sent");
    const auto result = check_code(ctx_, si.second_factor, code);
    if (result == CodeCheck::ok) return std::nullopt;
    if (result == CodeCheck::incorrect || result == CodeCheck::failed)
      fail_attempt(si, user);
    else
      save(si);
    throw_code_error(result);
  }
  std::optional<std::int64_t> totp_step;
  if (strategy == "totp") {
    totp_step = match_totp_code(ctx_, user.user, code);
    if (!totp_step) reject_code(si, user, strategy);
  } else if (!consume_backup_code(ctx_, user.user, code)) {
    reject_code(si, user, strategy);
  }
  si.second_factor =
      Verification{"verified", strategy, si.second_factor.attempts + 1, 0, 0, "", ""};
  return totp_step;
}

void SignInFlow::reject_code(SignIn& si, const UserRecord& user, const std::string& strategy) {
  // A code sent earlier (SMS/email) stays usable: a wrong authenticator or backup code must not
  // throw it away.
  if (si.second_factor.code_hash.empty()) {
    si.second_factor.strategy = strategy;
    si.second_factor.status = "unverified";
    ++si.second_factor.attempts;
  }
  fail_attempt(si, user);
  throw AuthError("form_code_incorrect", "code");
}

void SignInFlow::complete(Client& client, SignIn& si, const UserRecord& user,
                          std::optional<std::int64_t> totp_step) {
  const auto now = ctx_.now();
  const auto second_at = si.second_factor.verified() ? now : 0;
  // A client this sign-in trusts for the first time gets a notice (sign-up trusts its client,
  // so none follows there).
  bool new_client = false;
  std::optional<ClientView> view;
  try {
    ctx_.store.transaction([&](Store&) {
      // First, one write of the user's row that also accepts the TOTP step: when the step was
      // used meanwhile, nothing else is written.
      ctx_.store.record_sign_in(user.user.id, now, totp_step);
      // Clerk drops the finished attempt from the client (the SDK keeps its own copy to
      // finalize); starting the session saves the client, once.
      client.sign_in_id.clear();
      const auto session = sessions_.create(client, user,
                                            {.first_factor_at = now,
                                             .second_factor_at = second_at,
                                             .password_fails_policy = si.password_fails_policy});
      si.status = "complete";
      si.created_session_id = session.id;
      si.updated_at = now;
      ctx_.store.save_sign_in(si);
      ctx_.store.mark_client_trusted(client.id, user.user.id, now, new_client);
      ctx_.store.find_client_view_at_commit(client.id, view);  // last
    });
  } catch (const WriteRefused& refused) {
    if (refused.reason == WriteRefused::Reason::kAttemptChanged) throw AuthError("conflict");
    throw;
  }
  step_view_ = std::move(view);
  // After the commit: a slow mail server holds no transaction open.
  if (new_client) send_account_notice(ctx_, user, NoticeKind::new_sign_in, device_, now);
}

// Looks like a sent code (same fields, same expiry) but no code exists that matches it.
Verification SignInFlow::decoy_verification(const std::string& strategy) {
  const auto now = ctx_.now();
  return Verification{"unverified",
                      strategy,
                      0,
                      now + ctx_.settings.code_lifetime_ms,
                      now,
                      crypto::hex_encode(ctx_.random.bytes(32)),
                      ""};
}

void SignInFlow::fail_attempt(SignIn& si, const UserRecord& user) {
  record_failed_attempt(ctx_, user.user);
  save(si);
}

// Reads the user with the sign-in (one round trip on PostgreSQL): every step that acts on a
// user starts with user_of.
SignIn SignInFlow::load(const Client& client, const std::string& id) {
  std::optional<SignInWithUser> found;
  if (lent_ && lent_->sign_in.id == id)
    found.swap(lent_);
  else
    found = ctx_.store.find_sign_in_with_user(id);
  if (!found || found->sign_in.client_id != client.id || found->sign_in.abandon_at <= ctx_.now())
    throw AuthError("resource_not_found", "", {{"resource", "sign_in"}});
  user_ = std::move(found->user);
  return std::move(found->sign_in);
}

// Clerk lets a client change its current sign-in only: a step on an older one, still open, is
// refused, so a stale tab cannot finish an attempt the user started over.
SignIn SignInFlow::load_for_update(const Client& client, const std::string& id) {
  auto si = load(client, id);
  if (si.id != client.sign_in_id && si.status != "complete") throw AuthError("resource_forbidden");
  return si;
}

UserRecord SignInFlow::user_of(const SignIn& si) {
  if (si.user_id.empty()) throw AuthError("form_identifier_not_found", "identifier");
  if (!user_ || user_->user.id != si.user_id) user_ = ctx_.store.find_user_record(si.user_id);
  if (!user_) throw AuthError("sign_in_identification_or_user_deleted");
  return *user_;
}

void SignInFlow::save(SignIn& si) {
  si.updated_at = ctx_.now();
  if (!ctx_.store.update_sign_in(si)) throw AuthError("conflict");
}

}  // namespace tessera::auth

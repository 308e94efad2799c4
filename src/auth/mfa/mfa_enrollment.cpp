#include "auth/mfa/mfa_enrollment.h"

#include "auth/code/one_time_code.h"
#include "auth/error.h"
#include "auth/factors/backup_codes.h"
#include "auth/factors/totp.h"
#include "auth/identifiers.h"
#include "auth/ids.h"
#include "crypto/encoding.h"
#include "crypto/otp.h"

namespace tessera::auth {
namespace {

std::string uri_escape(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '@' || c == '+') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

// Second factors that stand on their own (backup codes only back them up).
bool has_primary_second_factor(const UserRecord& user) {
  return user.totp_enabled() || user.has_mfa_phone();
}

bool reserved_phone_other_than(const UserRecord& user, const std::string& phone_id) {
  for (const auto& p : user.phone_numbers)
    if (p.id != phone_id && p.is_second_factor()) return true;
  return false;
}

}  // namespace

UserRecord MfaEnrollment::load(const std::string& user_id) {
  auto user = ctx_.store.find_user_record(user_id);
  if (!user) throw AuthError("authentication_invalid");
  return *user;
}

TotpEnrollment MfaEnrollment::create_totp(const std::string& user_id) {
  auto record = load(user_id);
  if (record.totp_enabled()) throw AuthError("totp_already_enabled");
  const auto secret = crypto::base32_encode(ctx_.random.bytes(20));  // 160 bits (RFC 4226)
  auto& user = record.user;
  user.totp_secret_sealed = seal_totp_secret(ctx_, user.id, secret);
  user.totp_verified = false;
  user.totp_created_at = user.updated_at = ctx_.now();
  ctx_.store.update_user(user);
  ctx_.store.reset_totp_step(user.id);  // a new secret: steps used with the old one don't count
  const auto* email = record.primary_email();
  const auto issuer = uri_escape(ctx_.settings.application_name);
  const auto account = uri_escape(email ? email->email : user.id);
  return {secret, "otpauth://totp/" + issuer + ":" + account + "?secret=" + secret +
                      "&issuer=" + issuer + "&algorithm=SHA1&digits=6&period=30"};
}

std::optional<std::vector<std::string>> MfaEnrollment::verify_totp(const std::string& user_id,
                                                                   const std::string& code) {
  auto record = load(user_id);
  if (record.totp_enabled()) throw AuthError("totp_already_enabled");
  if (record.user.totp_secret_sealed.empty()) throw AuthError("verification_not_sent");
  if (code.empty()) throw AuthError("form_param_missing", "code");
  if (!verify_totp_code(ctx_, record.user, code)) throw AuthError("form_code_incorrect", "code");
  const auto before = record;
  auto user = *ctx_.store.find_user(user_id);  // re-read: the accepted step was just stored
  user.totp_verified = true;
  user.updated_at = ctx_.now();
  ctx_.store.update_user(user);
  return on_factor_enabled(before);
}

void MfaEnrollment::disable_totp(const std::string& user_id) {
  auto record = load(user_id);
  if (record.user.totp_secret_sealed.empty()) throw AuthError("resource_not_found");
  ensure_removable(record, true, "");
  auto& user = record.user;
  user.totp_secret_sealed.clear();
  user.totp_verified = false;
  user.updated_at = ctx_.now();
  ctx_.store.update_user(user);
  ctx_.store.reset_totp_step(user_id);
  on_factor_removed(user_id);
}

std::vector<std::string> MfaEnrollment::regenerate_backup_codes(const std::string& user_id) {
  auto record = load(user_id);
  if (!ctx_.settings.second_factor_enabled("backup_code")) throw AuthError("route_not_found");
  if (!has_primary_second_factor(record)) throw AuthError("backup_codes_not_available");
  return auth::regenerate_backup_codes(ctx_, record.user);
}

PhoneNumber MfaEnrollment::add_phone(const std::string& user_id, const std::string& phone) {
  auto record = load(user_id);
  if (!ctx_.settings.second_factor_enabled("phone_code"))
    throw AuthError("form_param_unknown", "phone_number");
  const auto e164 = normalize_phone(phone);
  if (!e164) throw AuthError("form_param_format_invalid", "phone_number");
  for (const auto& p : record.phone_numbers)
    if (p.phone == *e164) throw AuthError("form_identifier_exists", "phone_number");
  if (record.phone_numbers.size() >= 10)
    throw AuthError("form_param_value_invalid", "phone_number");
  PhoneNumber p;
  p.id = new_id(ctx_.random, "idn");
  p.user_id = user_id;
  p.phone = *e164;
  p.created_at = p.updated_at = ctx_.now();
  ctx_.store.add_phone_number(p);
  return p;
}

PhoneNumber MfaEnrollment::find_phone(const UserRecord& user, const std::string& phone_id) {
  for (const auto& p : user.phone_numbers)
    if (p.id == phone_id) return p;
  throw AuthError("resource_not_found");
}

PhoneNumber MfaEnrollment::prepare_phone_verification(const std::string& user_id,
                                                      const std::string& phone_id) {
  auto phone = find_phone(load(user_id), phone_id);
  if (phone.verification.verified()) throw AuthError("verification_already_verified");
  phone.verification =
      issue_code(ctx_, {"phone_code", phone.id, phone.phone, CodePurpose::identifier_verification},
                 phone.verification);
  phone.updated_at = ctx_.now();
  ctx_.store.update_phone_number(phone);
  return phone;
}

PhoneNumber MfaEnrollment::attempt_phone_verification(const std::string& user_id,
                                                      const std::string& phone_id,
                                                      const std::string& code) {
  auto phone = find_phone(load(user_id), phone_id);
  if (code.empty()) throw AuthError("form_param_missing", "code");
  const auto result = check_code(ctx_, phone.verification, code);
  phone.updated_at = ctx_.now();
  ctx_.store.update_phone_number(phone);
  throw_code_error(result);
  return phone;
}

MfaEnrollment::PhoneUpdated MfaEnrollment::update_phone(const std::string& user_id,
                                                        const std::string& phone_id,
                                                        const PhoneUpdate& update) {
  const auto before = load(user_id);
  auto phone = find_phone(before, phone_id);
  const bool wants_2fa =
      update.reserved_for_second_factor.value_or(phone.reserved_for_second_factor) ||
      update.default_second_factor.value_or(false);
  if (wants_2fa && !phone.verification.verified())
    throw AuthError("identification_update_second_factor_unverified");
  // Clerk keeps exactly one default among reserved phones: the default moves by naming another.
  if (phone.default_second_factor && wants_2fa && update.default_second_factor == false)
    throw AuthError("form_disable_default_second_factor_not_allowed", "default_second_factor");
  if (phone.reserved_for_second_factor && !wants_2fa) ensure_removable(before, false, phone.id);
  const bool first_reserved = wants_2fa && !reserved_phone_other_than(before, phone.id);
  phone.reserved_for_second_factor = wants_2fa;
  phone.default_second_factor = wants_2fa && (phone.default_second_factor || first_reserved ||
                                              update.default_second_factor.value_or(false));
  phone.updated_at = ctx_.now();
  ctx_.store.update_phone_number(phone);
  if (phone.default_second_factor)  // only one default
    for (auto other : before.phone_numbers)
      if (other.id != phone.id && other.default_second_factor) {
        other.default_second_factor = false;
        ctx_.store.update_phone_number(other);
      }
  PhoneUpdated result{phone, std::nullopt};
  if (wants_2fa) {
    result.backup_codes = on_factor_enabled(before);
  } else {
    on_factor_removed(user_id);
  }
  return result;
}

void MfaEnrollment::delete_phone(const std::string& user_id, const std::string& phone_id) {
  const auto record = load(user_id);
  const auto phone = find_phone(record, phone_id);
  if (phone.reserved_for_second_factor) ensure_removable(record, false, phone.id);
  ctx_.store.delete_phone_number(phone_id);
  if (record.user.primary_phone_number_id == phone_id) {
    auto user = *ctx_.store.find_user(user_id);
    user.primary_phone_number_id.clear();
    ctx_.store.update_user(user);
  }
  on_factor_removed(user_id);
}

std::optional<std::vector<std::string>> MfaEnrollment::on_factor_enabled(const UserRecord& before) {
  std::optional<std::vector<std::string>> codes;
  auto user = *ctx_.store.find_user(before.user.id);
  if (!has_primary_second_factor(before)) {
    if (ctx_.settings.second_factor_enabled("backup_code") && !before.backup_code_enabled())
      codes = auth::regenerate_backup_codes(ctx_, user);
    user = *ctx_.store.find_user(before.user.id);
    user.mfa_enabled_at = ctx_.now();
    ctx_.store.update_user(user);
  }
  sessions_.resolve_task(before.user.id, kSetupMfaTask);
  return codes;
}

void MfaEnrollment::ensure_removable(const UserRecord& user, bool removing_totp,
                                     const std::string& phone_id) {
  if (!ctx_.settings.require_mfa) return;
  const bool other_left =
      (!removing_totp && user.totp_enabled()) || reserved_phone_other_than(user, phone_id);
  if (!other_left) throw AuthError("second_factor_deletion_not_allowed");
}

void MfaEnrollment::on_factor_removed(const std::string& user_id) {
  const auto user = load(user_id);
  if (!has_primary_second_factor(user)) {
    ctx_.store.replace_backup_codes(user_id, {});
    return;
  }
  // The default phone went: another reserved phone takes its place (one default, as Clerk).
  const PhoneNumber* successor = nullptr;
  for (const auto& p : user.phone_numbers) {
    if (p.default_second_factor) return;
    if (!successor && p.is_second_factor()) successor = &p;
  }
  if (!successor) return;
  auto promoted = *successor;
  promoted.default_second_factor = true;
  promoted.updated_at = ctx_.now();
  ctx_.store.update_phone_number(promoted);
}

}  // namespace tessera::auth

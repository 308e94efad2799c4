#include "fapi/work_policy.h"

namespace tessera::fapi {
namespace {

bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

bool is_factor_attempt(std::string_view pattern) {
  return ends_with(pattern, "/attempt_first_factor") ||
         ends_with(pattern, "/attempt_second_factor");
}

bool may_carry_password(std::string_view pattern) {
  return pattern == "/v1/client/sign_ins" || pattern == "/v1/client/sign_ups" ||
         pattern == "/v1/client/sign_ups/:id";
}

bool has(const http::FormData* form, std::string_view key) {
  return form && http::form_value(*form, key).has_value();
}

}  // namespace

bool work_class_depends_on_form(std::string_view pattern) {
  return is_factor_attempt(pattern) || may_carry_password(pattern);
}

WorkClass work_class_of(std::string_view method, std::string_view pattern,
                        const http::FormData* form) {
  if (method == "GET") return WorkClass::fast;
  if (is_factor_attempt(pattern)) {
    // A password to check, or (forgot password) a new one to hash, or a backup code.
    const auto strategy = form ? http::form_value(*form, "strategy") : std::nullopt;
    return strategy == "backup_code" || has(form, "password") ? WorkClass::hashing
                                                              : WorkClass::fast;
  }
  if (may_carry_password(pattern))
    return has(form, "password") ? WorkClass::hashing : WorkClass::fast;
  if (pattern == "/v1/me/backup_codes" || pattern == "/v1/me/change_password" ||
      pattern == "/v1/client/sign_ins/:id/reset_password" ||
      pattern == "/v1/me/totp/attempt_verification" || pattern == "/v1/me/phone_numbers/:id")
    return WorkClass::hashing;  // passwords, backup codes, or backup codes issued on MFA enable
  return WorkClass::fast;
}

}  // namespace tessera::fapi

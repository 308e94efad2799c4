#include "fapi/work_policy.h"

namespace tessera::fapi {
namespace {

bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

}  // namespace

bool work_class_depends_on_strategy(std::string_view pattern) {
  return ends_with(pattern, "/attempt_first_factor") ||
         ends_with(pattern, "/attempt_second_factor");
}

WorkClass work_class_of(std::string_view method, std::string_view pattern,
                        std::string_view strategy) {
  if (method == "GET") return WorkClass::fast;
  if (work_class_depends_on_strategy(pattern))
    return strategy == "password" || strategy == "backup_code" ? WorkClass::hashing
                                                               : WorkClass::fast;
  if (pattern == "/v1/client/sign_ins" || pattern == "/v1/client/sign_ups" ||
      pattern == "/v1/client/sign_ups/:id" || pattern == "/v1/me/backup_codes" ||
      pattern == "/v1/me/change_password" || pattern == "/v1/me/totp/attempt_verification" ||
      pattern == "/v1/me/phone_numbers/:id")
    return WorkClass::hashing;  // passwords, backup codes, or backup codes issued on MFA enable
  return WorkClass::fast;
}

}  // namespace tessera::fapi

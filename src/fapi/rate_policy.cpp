#include "fapi/rate_policy.h"

namespace tessera::fapi {

RateClass rate_class_of(std::string_view method, std::string_view pattern) {
  if (method != "POST") return RateClass::none;
  if (pattern == "/v1/client/sign_ins" || pattern == "/v1/client/sign_ups")
    return RateClass::create;
  for (std::string_view suffix :
       {"/attempt_first_factor", "/attempt_second_factor", "/attempt_verification"})
    if (pattern.size() >= suffix.size() && pattern.substr(pattern.size() - suffix.size()) == suffix)
      return RateClass::attempt;
  return RateClass::none;
}

}  // namespace tessera::fapi

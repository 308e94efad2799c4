#include "fapi/error_catalog.h"

#include <unordered_map>

namespace tessera::fapi {
namespace {

void replace_all(std::string& text, std::string_view placeholder, std::string_view value) {
  for (auto at = text.find(placeholder); at != std::string::npos;
       at = text.find(placeholder, at + value.size()))
    text.replace(at, placeholder.size(), value);
}

// "30 minutes", "1 hour", "45 seconds": how Clerk words a lockout's remaining time.
std::string time_remaining(long long seconds) {
  const auto plural = [](long long n, const char* unit) {
    return std::to_string(n) + " " + unit + (n == 1 ? "" : "s");
  };
  if (seconds < 60) return plural(seconds < 1 ? 1 : seconds, "second");
  const long long minutes = (seconds + 59) / 60;
  if (minutes % 60 == 0) return plural(minutes / 60, "hour");
  return plural(minutes, "minute");
}

}  // namespace

ErrorDescription describe_error(std::string_view code) {
  static const std::unordered_map<std::string_view, ErrorDescription> kCatalog = {
      {"form_identifier_not_found",
       {422, "Couldn't find your account.", "Couldn't find your account."}},
      {"form_password_incorrect",
       {422, "Password is incorrect. Try again, or use another method.",
        "Password is incorrect. Try again, or use another method."}},
      {"form_code_incorrect", {422, "is incorrect", "Incorrect code"}},
      {"form_identifier_exists",
       {422, "That email address is taken. Please try another.",
        "That email address is taken. Please try another."}},
      {"form_password_length_too_short",
       {422, "Passwords must be 8 characters or more.", "Passwords must be 8 characters or more."}},
      {"form_password_length_too_long",
       {422, "Password is too long.", "Passwords must be fewer characters."}},
      {"form_password_pwned",
       {422, "Password has been found in an online data breach.",
        "Password has been found in an online data breach. For account safety, please use a "
        "different password."}},
      {"form_param_missing", {422, "is missing", "<param> must be included."}},
      {"form_param_nil", {422, "Enter a value.", "A required parameter is empty."}},
      {"form_param_format_invalid", {422, "is invalid", "The value is not in a valid format."}},
      {"form_param_value_invalid", {422, "is invalid", "The value is not valid here."}},
      {"form_param_unknown", {422, "is unknown", "This parameter is not accepted here."}},
      {"verification_expired",
       {400, "expired", "This verification has expired. You must create a new one."}},
      {"verification_failed",
       {400, "failed",
        "Too many failed attempts. You have to try again with the same or another method."}},
      {"verification_not_sent",
       {400, "not sent", "You need to send a verification code before attempting to verify."}},
      {"verification_strategy_invalid",
       {400, "is invalid", "The strategy is not valid for the current verification."}},
      {"verification_missing",
       {400, "is missing",
        "This strategy requires verification preparation before attempting to validate it."}},
      {"verification_already_verified",
       {400, "already verified", "This verification has already been verified."}},
      {"verification_code_too_many_requests",
       {429, "Too many verification code requests",
        "Too many verification code requests. Please wait at least 30 seconds to receive your "
        "code before trying again."}},
      {"too_many_requests",
       {429, "Too many requests", "Too many requests. Please try again in a bit."}},
      {"user_locked",
       {403, "Account locked",
        "Your account is locked. You will be able to try again in <timeRemaining>. For more "
        "information, contact support."}},
      {"strategy_for_user_invalid",
       {400, "Invalid verification strategy",
        "The verification strategy is not valid for this account"}},
      {"no_second_factors",
       {400, "no second factors", "No second factors were found for this strategy."}},
      {"session_exists", {400, "Session already exists", "You're already signed in."}},
      {"client_state_invalid",
       {400, "Invalid action", "This action is not valid in the current state of the attempt."}},
      {"authentication_invalid",
       {401, "Invalid authentication",
        "Unable to authenticate the request, you need to supply an active session"}},
      {"dev_browser_unauthenticated",
       {401, "Browser unauthenticated", "Unable to authenticate the development browser."}},
      {"clerk_key_invalid",
       {401,
        "The provided Clerk Secret Key is invalid. Make sure that your Clerk Secret Key is "
        "correct.",
        "The provided Clerk Secret Key is invalid. Make sure that your Clerk Secret Key is "
        "correct."}},
      {"authorization_header_format_invalid",
       {401, "Invalid Authorization header format",
        "Invalid Authorization header format. Must be 'Bearer <YOUR_API_KEY>'"}},
      {"resource_not_found",
       {404, "not found", "The requested resource was not found, or it has expired."}},
      {"route_not_found", {404, "Not found", "There is no such endpoint."}},
      {"invalid_redirect_url",
       {422, "Redirect url invalid", "The provided redirect url is not in a valid format"}},
      {"prohibited_redirect_url",
       {422, "Invalid URL scheme", "The provided redirect url has a prohibited URL scheme"}},
      {"redirect_url_domain_mismatch",
       {422, "Redirect url does not belong to your domain",
        "The provided redirect URL must belong to your instance's domain"}},
      {"method_not_allowed",
       {405, "Method not allowed", "This endpoint does not accept that method."}},
      {"request_body_invalid",
       {400, "Request body invalid", "The request body could not be parsed."}},
      {"request_body_too_large",
       {413, "Request body too large", "The request body is larger than this server accepts."}},
      {"sign_up_mode_restricted",
       {403, "Sign-ups restricted", "New sign-ups are currently restricted."}},
      {"identification_claimed",
       {400, "Identification claimed by another user",
        "One or more identifiers on this sign up have since been connected to a different User. "
        "Please sign up again."}},
      {"sign_in_identification_or_user_deleted",
       {400, "identification or user deleted",
        "Either the user or the selected identification were deleted. Please start over."}},
      {"totp_already_enabled",
       {400, "TOTP already enabled", "TOTP is already enabled on your account"}},
      {"second_factor_deletion_not_allowed",
       {400, "second factor deletion not allowed",
        "You are required to maintain at least one two-step verification method in your account "
        "at all times"}},
      {"backup_codes_not_available",
       {400, "Backup codes not available",
        "In order to use backup codes, you have to enable any other Multi-factor method"}},
      {"identification_update_second_factor_unverified",
       {400, "Update failed",
        "Cannot update second factor attributes for unverified identification"}},
      {"form_disable_default_second_factor_not_allowed",
       {422,
        "The default second factor method can only be changed by assigning another method as "
        "the default.",
        "The default second factor method can only be changed by assigning another method as "
        "the default."}},
      {"resource_forbidden",
       {403, "Update operations are not allowed on older sign ins",
        "Update operations are not allowed on older sign ins"}},
      {"origin_invalid", {400, "Invalid origin", "This origin is not allowed."}},
      {"conflict",
       {409, "Conflict", "This attempt was changed by another request. Reload and try again."}},
      {"internal_clerk_error",
       {500, "Oops, an unexpected error occurred", "Something went wrong on our side."}},
      {"service_unavailable",
       {503, "Service unavailable", "The server is overloaded. Please try again shortly."}},
  };
  if (auto it = kCatalog.find(code); it != kCatalog.end()) return it->second;
  return {400, "Invalid request", "The request could not be completed."};
}

ErrorDescription describe_error(const auth::AuthError& error) {
  auto description = describe_error(error.code);
  if (error.code == "form_identifier_exists" && error.param_name == "phone_number") {
    description.message = description.long_message =
        "That phone number is taken. Please try another.";
  }
  replace_all(description.long_message, "<param>",
              error.param_name.empty() ? "A parameter" : error.param_name);
  if (auto it = error.meta.find("lockout_expires_in_seconds"); it != error.meta.end()) {
    try {
      replace_all(description.long_message, "<timeRemaining>",
                  time_remaining(std::stoll(it->second)));
    } catch (const std::exception&) {  // not a number: leave the general wording below
    }
  }
  replace_all(description.long_message, "in <timeRemaining>", "later");
  return description;
}

}  // namespace tessera::fapi

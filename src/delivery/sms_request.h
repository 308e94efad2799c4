#pragma once
#include <string>
#include <string_view>

#include "auth/delivery.h"
#include "config/config.h"

namespace tessera::delivery {

// One call to a Twilio-compatible Messages API, ready to send.
struct SmsRequest {
  std::string url;            // {api_url}/2010-04-01/Accounts/{account_sid}/Messages.json
  std::string body;           // To=…&From=…&Body=… (application/x-www-form-urlencoded)
  std::string authorization;  // "Basic base64(account_sid:auth_token)"
};

// "<code> is your <app> verification code."
std::string sms_text(const auth::CodeMessage& message);

// Percent-encodes everything except A-Z a-z 0-9 - . _ ~ (valid in a form body and a URL path).
std::string url_encode(std::string_view text);

// Throws DeliveryError when the recipient or a setting holds control characters or is empty.
SmsRequest build_sms_request(const config::SmsConfig& config, const auth::CodeMessage& message);

}  // namespace tessera::delivery

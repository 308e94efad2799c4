#pragma once
#include "auth/delivery.h"
#include "config/config.h"

namespace tessera::delivery {

// Sends code SMS through a Twilio-compatible Messages API with libcurl:
// POST {api_url}/2010-04-01/Accounts/{account_sid}/Messages.json, HTTP Basic auth
// (account_sid:auth_token), form body To/From/Body. 10 s to connect, 20 s per request; no
// redirects. Thread-safe: each send uses its own handle. Anything but HTTP 201/200 throws
// DeliveryError (a std::runtime_error) with the status and the provider's message, never the code
// or the token.
class HttpSmsSender final : public auth::SmsSender {
 public:
  // Throws DeliveryError when sms.api_url is not http(s):// or account_sid/from are empty.
  explicit HttpSmsSender(config::SmsConfig config);

  void send_code(const auth::CodeMessage& message) override;

 private:
  config::SmsConfig config_;
};

}  // namespace tessera::delivery

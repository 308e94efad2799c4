#include "delivery/sms_request.h"

#include <algorithm>

#include "crypto/encoding.h"
#include "delivery/delivery_error.h"
#include "delivery/email_templates.h"

namespace tessera::delivery {
namespace {

bool usable(std::string_view text) {
  return !text.empty() && std::none_of(text.begin(), text.end(), [](char c) {
    return static_cast<unsigned char>(c) < 0x20 || c == 0x7f;
  });
}

}  // namespace

std::string sms_text(const auth::CodeMessage& message) {
  return message.code + " is your " + application_name_or_default(message.application_name) +
         " verification code.";
}

std::string url_encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const char c : text) {
    const bool unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                            (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~';
    if (unreserved) {
      out += c;
    } else {
      const auto byte = static_cast<unsigned char>(c);
      out += {'%', kHex[byte >> 4], kHex[byte & 0x0f]};
    }
  }
  return out;
}

SmsRequest build_sms_request(const config::SmsConfig& config, const auth::CodeMessage& message) {
  if (!usable(message.to) || message.to.size() > 64)
    throw DeliveryError("SMS recipient is not a valid phone number");
  if (!usable(config.api_url) || !usable(config.account_sid) || !usable(config.from))
    throw DeliveryError("sms.api_url, sms.account_sid and sms.from must be set");
  std::string base = config.api_url;
  while (!base.empty() && base.back() == '/') base.pop_back();

  SmsRequest request;
  request.url = base + "/2010-04-01/Accounts/" + url_encode(config.account_sid) + "/Messages.json";
  request.body = "To=" + url_encode(message.to) + "&From=" + url_encode(config.from) +
                 "&Body=" + url_encode(sms_text(message));
  request.authorization =
      "Basic " + crypto::base64_encode(config.account_sid + ":" + config.auth_token);
  return request;
}

}  // namespace tessera::delivery

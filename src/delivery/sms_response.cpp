#include "delivery/sms_response.h"

#include <string>

#include "delivery/curl_easy.h"
#include "delivery/delivery_error.h"
#include "delivery/json_field.h"

namespace tessera::delivery {

void check_sms_response(long status, std::string_view body,
                        const std::vector<std::string_view>& secrets) {
  if (status == 200 || status == 201) return;
  std::string text = "SMS provider answered HTTP " + std::to_string(status);
  if (auto message = json_string_field(body, "message"); message && !message->empty()) {
    for (char& c : *message) {
      if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = ' ';
    }
    if (message->size() > 200) message->resize(200);
    text += ": " + *message;
  }
  throw DeliveryError(redact(std::move(text), secrets));
}

}  // namespace tessera::delivery

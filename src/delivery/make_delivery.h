#pragma once
#include <memory>

#include "auth/delivery.h"
#include "config/config.h"
#include "delivery/dev_outbox.h"

namespace tessera::delivery {

// The instance's mailer and SMS sender.
struct Delivery {
  std::unique_ptr<auth::Mailer> mailer;
  std::unique_ptr<auth::SmsSender> sms;
};

// Per channel: "log" forwards to `outbox` (which must outlive the result; development only),
// "smtp" is an SmtpMailer and "http" an HttpSmsSender. Throws DeliveryError on any other value or
// unusable settings.
Delivery make_delivery(const config::Config& config, DevOutbox& outbox);

}  // namespace tessera::delivery

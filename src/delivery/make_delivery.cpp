#include "delivery/make_delivery.h"

#include "delivery/delivery_error.h"
#include "delivery/http_sms_sender.h"
#include "delivery/smtp_mailer.h"

namespace tessera::delivery {
namespace {

// Non-owning adapters: the outbox is shared with GET /__dev/outbox.
class OutboxMailer final : public auth::Mailer {
 public:
  explicit OutboxMailer(DevOutbox& outbox) : outbox_(outbox) {}
  void send_code(const auth::CodeMessage& message) override { outbox_.send_code(message); }
  void send_account_notice(const auth::AccountNotice& notice) override {
    outbox_.send_account_notice(notice);
  }

 private:
  DevOutbox& outbox_;
};

class OutboxSms final : public auth::SmsSender {
 public:
  explicit OutboxSms(DevOutbox& outbox) : outbox_(outbox) {}
  void send_code(const auth::CodeMessage& message) override { outbox_.send_code(message); }

 private:
  DevOutbox& outbox_;
};

}  // namespace

Delivery make_delivery(const config::Config& config, DevOutbox& outbox) {
  Delivery delivery;
  if (config.email.delivery == "log") {
    delivery.mailer = std::make_unique<OutboxMailer>(outbox);
  } else if (config.email.delivery == "smtp") {
    delivery.mailer = std::make_unique<SmtpMailer>(config.email);
  } else {
    throw DeliveryError("email.delivery must be \"log\" or \"smtp\"");
  }
  if (config.sms.delivery == "log") {
    delivery.sms = std::make_unique<OutboxSms>(outbox);
  } else if (config.sms.delivery == "http") {
    delivery.sms = std::make_unique<HttpSmsSender>(config.sms);
  } else {
    throw DeliveryError("sms.delivery must be \"log\" or \"http\"");
  }
  return delivery;
}

}  // namespace tessera::delivery

#include "delivery/make_delivery.h"

#include <gtest/gtest.h>

#include "delivery/delivery_error.h"
#include "delivery/http_sms_sender.h"
#include "delivery/smtp_mailer.h"

namespace tessera::delivery {
namespace {

auth::CodeMessage code_for(std::string to) {
  return {.to = std::move(to),
          .code = "111111",
          .purpose = auth::CodePurpose::second_factor,
          .application_name = "Acme"};
}

TEST(MakeDelivery, LogSendsBothChannelsToTheSharedOutbox) {
  DevOutbox outbox(DevOutbox::kDefaultCapacity, nullptr);
  const config::Config config;  // email.delivery = sms.delivery = "log"
  const Delivery delivery = make_delivery(config, outbox);
  delivery.mailer->send_code(code_for("a@example.com"));
  delivery.sms->send_code(code_for("+15555550100"));
  ASSERT_EQ(outbox.messages().size(), 2u);
  EXPECT_EQ(outbox.messages("a@example.com").size(), 1u);
  EXPECT_EQ(outbox.messages("+15555550100").size(), 1u);
}

TEST(MakeDelivery, BuildsTheRealClients) {
  DevOutbox outbox(DevOutbox::kDefaultCapacity, nullptr);
  config::Config config;
  config.email.delivery = "smtp";
  config.email.smtp_url = "smtp://127.0.0.1:2525";
  config.sms.delivery = "http";
  config.sms.api_url = "http://127.0.0.1:9";
  config.sms.account_sid = "AC1";
  config.sms.from = "+15550001111";
  const Delivery delivery = make_delivery(config, outbox);
  EXPECT_NE(dynamic_cast<SmtpMailer*>(delivery.mailer.get()), nullptr);
  EXPECT_NE(dynamic_cast<HttpSmsSender*>(delivery.sms.get()), nullptr);
}

TEST(MakeDelivery, RejectsUnknownOrUnusableSettings) {
  DevOutbox outbox(DevOutbox::kDefaultCapacity, nullptr);
  config::Config config;
  config.email.delivery = "carrier-pigeon";
  EXPECT_THROW(make_delivery(config, outbox), DeliveryError);
  config = {};
  config.sms.delivery = "fax";
  EXPECT_THROW(make_delivery(config, outbox), DeliveryError);
  config = {};
  config.email.delivery = "smtp";
  config.email.smtp_url = "http://mail.example.com";
  EXPECT_THROW(make_delivery(config, outbox), DeliveryError);
  config = {};
  config.email.delivery = "smtp";
  config.email.smtp_url = "smtp://mail.example.com:25";
  config.email.from = "Tessera <no-reply@tessera.test>\r\nBcc: x@example.com";
  EXPECT_THROW(make_delivery(config, outbox), DeliveryError);
  config = {};
  config.sms.delivery = "http";
  config.sms.api_url = "ftp://sms.example.com";
  EXPECT_THROW(make_delivery(config, outbox), DeliveryError);
}

TEST(SmtpMailer, RejectsInjectedRecipientsBeforeConnecting) {
  config::EmailConfig email;
  email.delivery = "smtp";
  email.smtp_url = "smtp://127.0.0.1:9";  // nothing is contacted: the address fails first
  SmtpMailer mailer(email);
  EXPECT_THROW(mailer.send_code(code_for("a@example.com\r\nRCPT TO:<b@example.com>")),
               std::runtime_error);
  EXPECT_THROW(mailer.send_code(code_for("a@example.com>\r\nDATA")), std::runtime_error);
}

}  // namespace
}  // namespace tessera::delivery

#pragma once
#include "auth/delivery.h"
#include "config/config.h"
#include "delivery/email_templates.h"
#include "delivery/mailbox.h"

namespace tessera::delivery {

// Sends code emails and notices through an SMTP server with libcurl: smtp://host:port (STARTTLS
// required when email.smtp_starttls) or smtps://host:port (TLS from the start), AUTH with the
// configured username and password when set. 10 s to connect, 20 s per message. Thread-safe: each
// send uses its own connection. A failed delivery throws DeliveryError (a std::runtime_error) whose
// message holds neither the code nor the credentials.
class SmtpMailer final : public auth::Mailer {
 public:
  // Throws DeliveryError when email.from or email.smtp_url is unusable.
  explicit SmtpMailer(config::EmailConfig config);

  void send_code(const auth::CodeMessage& message) override;
  void send_account_notice(const auth::AccountNotice& notice) override;

 private:
  // `secret` (e.g. the code) is kept out of the error message, like the SMTP password.
  void send(const std::string& to, const EmailContent& content, const std::string& secret);

  config::EmailConfig config_;
  Mailbox from_;
  bool tls_ = false;
};

}  // namespace tessera::delivery

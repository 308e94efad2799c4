#pragma once
#include <stdexcept>
#include <vector>

#include "auth/delivery.h"

namespace tessera::auth::test {

// Keeps every code "sent", so a test can read the code a person would have received.
template <class Sender>
class Recording : public Sender {
 public:
  void send_code(const CodeMessage& message) override { messages.push_back(message); }

  const CodeMessage& last() const {
    if (messages.empty()) throw std::logic_error("no code was sent");
    return messages.back();
  }

  std::vector<CodeMessage> messages;
};

// Keeps the new sign-in notices apart from the codes; with `fail_notices` it fails to send them,
// as an SMTP server that cannot be reached would.
class RecordingMailer final : public Recording<Mailer> {
 public:
  void send_account_notice(const AccountNotice& notice) override {
    if (fail_notices) throw std::runtime_error("SMTP server unreachable");
    notices.push_back(notice);
  }

  std::vector<AccountNotice> notices;
  bool fail_notices = false;
};

using RecordingSms = Recording<SmsSender>;

}  // namespace tessera::auth::test

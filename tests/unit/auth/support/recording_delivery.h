#pragma once
#include <stdexcept>
#include <vector>

#include "auth/delivery.h"

namespace tessera::auth::test {

// Keeps every code "sent", so a test can read the code a person would have received.
template <class Sender>
class Recording final : public Sender {
 public:
  void send_code(const CodeMessage& message) override { messages.push_back(message); }

  const CodeMessage& last() const {
    if (messages.empty()) throw std::logic_error("no code was sent");
    return messages.back();
  }

  std::vector<CodeMessage> messages;
};

using RecordingMailer = Recording<Mailer>;
using RecordingSms = Recording<SmsSender>;

}  // namespace tessera::auth::test

#include "delivery/dev_outbox.h"

#include <algorithm>
#include <cctype>

namespace tessera::delivery {
namespace {

bool same_recipient(const std::string& a, const std::string& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](unsigned char x, unsigned char y) {
    return std::tolower(x) == std::tolower(y);
  });
}

std::string log_line(const auth::CodeMessage& message) {
  const bool email = message.to.find('@') != std::string::npos;
  const std::string app =
      message.application_name.empty() ? std::string("Tessera") : message.application_name;
  return std::string("[dev-outbox] ") + (email ? "email" : "sms") + " to " + message.to +
         ": your " + app + " verification code is " + message.code + "\n";
}

}  // namespace

DevOutbox::DevOutbox(std::size_t capacity, std::ostream* log)
    : capacity_(std::max<std::size_t>(capacity, 1)), log_(log) {}

void DevOutbox::send_code(const auth::CodeMessage& message) {
  const std::string line = log_line(message);
  std::lock_guard lock(mutex_);
  if (log_ != nullptr) {
    *log_ << line << std::flush;  // one write under the lock: lines never interleave
  }
  messages_.push_back(message);
  while (messages_.size() > capacity_) messages_.pop_front();
}

std::vector<auth::CodeMessage> DevOutbox::messages(std::optional<std::string> to) const {
  std::lock_guard lock(mutex_);
  std::vector<auth::CodeMessage> out;
  for (const auth::CodeMessage& message : messages_) {
    if (!to || same_recipient(message.to, *to)) out.push_back(message);
  }
  return out;
}

}  // namespace tessera::delivery

#include "delivery/dev_outbox.h"

#include <algorithm>
#include <cctype>

#include "delivery/email_templates.h"

namespace tessera::delivery {
namespace {

bool same_recipient(const std::string& a, const std::string& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](unsigned char x, unsigned char y) {
    return std::tolower(x) == std::tolower(y);
  });
}

std::string log_line(const auth::CodeMessage& message) {
  const bool email = message.to.find('@') != std::string::npos;
  const std::string app = application_name_or_default(message.application_name);
  return std::string("[dev-outbox] ") + (email ? "email" : "sms") + " to " + message.to +
         ": your " + app + " verification code is " + message.code + "\n";
}

std::string log_line(const auth::AccountNotice& notice) {
  const std::string app = application_name_or_default(notice.application_name);
  return "[dev-outbox] email to " + notice.to + ": " +
         (notice.kind == auth::NoticeKind::new_sign_in ? "new sign-in to your " + app + " account"
                                                       : "your " + app + " password was changed") +
         "\n";
}

}  // namespace

DevOutbox::DevOutbox(std::size_t capacity, std::ostream* log)
    : capacity_(std::max<std::size_t>(capacity, 1)), log_(log) {}

template <class Item>
void DevOutbox::keep(std::deque<Item>& items, const Item& item, const std::string& line) {
  std::lock_guard lock(mutex_);
  if (log_ != nullptr) {
    *log_ << line << std::flush;  // one write under the lock: lines never interleave
  }
  items.push_back(item);
  while (items.size() > capacity_) items.pop_front();
}

template <class Item>
std::vector<Item> DevOutbox::kept(const std::deque<Item>& items,
                                  const std::optional<std::string>& to) const {
  std::lock_guard lock(mutex_);
  std::vector<Item> out;
  for (const Item& item : items) {
    if (!to || same_recipient(item.to, *to)) out.push_back(item);
  }
  return out;
}

void DevOutbox::send_code(const auth::CodeMessage& message) {
  keep(messages_, message, log_line(message));
}

void DevOutbox::send_account_notice(const auth::AccountNotice& notice) {
  keep(notices_, notice, log_line(notice));
}

std::vector<auth::CodeMessage> DevOutbox::messages(std::optional<std::string> to) const {
  return kept(messages_, to);
}

std::vector<auth::AccountNotice> DevOutbox::notices(std::optional<std::string> to) const {
  return kept(notices_, to);
}

}  // namespace tessera::delivery

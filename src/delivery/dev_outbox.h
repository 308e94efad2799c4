#pragma once
#include <cstddef>
#include <deque>
#include <iostream>
#include <mutex>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "auth/delivery.h"

namespace tessera::delivery {

// DEVELOPMENT ONLY. Instead of sending codes, prints each one to a log (stderr by default) and
// keeps the most recent ones in memory so tests and GET /__dev/outbox can read them. Never use it
// in production: anyone who can read the log or the outbox can sign in as anyone. New sign-in
// notices are logged and kept apart from the codes (the most recent `capacity` of each).
//
// Serves as both the Mailer and the SmsSender; the channel is told apart by the recipient (email
// addresses contain '@', E.164 phone numbers never do). Thread-safe.
class DevOutbox final : public auth::Mailer, public auth::SmsSender {
 public:
  static constexpr std::size_t kDefaultCapacity = 1000;

  // Logs to stderr by default; `log` = nullptr keeps the outbox silent (tests).
  explicit DevOutbox(std::size_t capacity = kDefaultCapacity, std::ostream* log = &std::cerr);

  void send_code(const auth::CodeMessage& message) override;
  void send_account_notice(const auth::AccountNotice& notice) override;

  // Kept messages, oldest first; only those sent to `to` (compared case-insensitively) if given.
  std::vector<auth::CodeMessage> messages(std::optional<std::string> to = std::nullopt) const;
  // Kept notices, the same way.
  std::vector<auth::AccountNotice> notices(std::optional<std::string> to = std::nullopt) const;

 private:
  template <class Item>
  void keep(std::deque<Item>& items, const Item& item, const std::string& log_line);
  template <class Item>
  std::vector<Item> kept(const std::deque<Item>& items, const std::optional<std::string>& to) const;

  const std::size_t capacity_;
  std::ostream* log_;
  mutable std::mutex mutex_;
  std::deque<auth::CodeMessage> messages_;
  std::deque<auth::AccountNotice> notices_;
};

}  // namespace tessera::delivery

#pragma once
#include <string>
#include <string_view>

#include "auth/delivery.h"

namespace tessera::delivery {

// One email: a subject and the same content as plain text and as HTML. Lines end in '\n'; the
// MIME builder turns them into CRLF. All interpolated values are HTML-escaped in `html`.
struct EmailContent {
  std::string subject;
  std::string text;
  std::string html;
};

// "Tessera" when the instance has no application name.
std::string application_name_or_default(std::string_view application_name);

// The email carrying a one-time code, worded for its purpose. The code is the only secret in it.
EmailContent code_email(const auth::CodeMessage& message);

// A notice of what happened to an account (no code): "New sign-in to your account", "Your
// password was changed". `when` is a display time ("2025-07-01 12:00 UTC"), `user_agent_or_ip`
// describes the device (a browser name or an IP address).
EmailContent account_notice(auth::NoticeKind kind, std::string_view application_name,
                            std::string_view when, std::string_view user_agent_or_ip);

// The same for a notice from the domain: the time in UTC to the minute, the device as its
// User-Agent and IP address (whichever are known).
EmailContent account_notice_email(const auth::AccountNotice& notice);

}  // namespace tessera::delivery

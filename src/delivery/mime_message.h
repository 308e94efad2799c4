#pragma once
#include <chrono>
#include <string>
#include <string_view>

#include "delivery/email_templates.h"
#include "delivery/mailbox.h"

namespace tessera::delivery {

// Everything that goes into one message; the random and time-dependent parts are inputs so that
// building the message is a pure function.
struct MimeMessage {
  Mailbox from;
  std::string to;  // a bare address
  EmailContent content;
  std::string date;        // RFC 5322 date-time, see rfc5322_date
  std::string message_id;  // "<unique@domain>"
  std::string boundary;    // see new_boundary
};

// The RFC 5322 message: headers (Date, From, To, Subject, Message-ID, MIME-Version,
// Auto-Submitted, Content-Type: multipart/alternative with the boundary) and a quoted-printable
// UTF-8 text/plain part followed by a text/html part. Every line ends in CRLF. Throws
// DeliveryError when an address is not valid or a header value holds a line break (header
// injection).
std::string build_mime_message(const MimeMessage& message);

// "Tue, 01 Jul 2025 12:00:00 +0000"
std::string rfc5322_date(std::chrono::system_clock::time_point when);
// A random boundary starting with "=_", which quoted-printable text can never contain.
std::string new_boundary();
// "<random@domain>"
std::string new_message_id(std::string_view domain);

}  // namespace tessera::delivery

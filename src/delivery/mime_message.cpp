#include "delivery/mime_message.h"

#include <cstdio>
#include <ctime>

#include "crypto/encoding.h"
#include "crypto/random_bytes.h"
#include "delivery/delivery_error.h"
#include "delivery/quoted_printable.h"

namespace tessera::delivery {
namespace {

bool has_line_break(std::string_view text) {
  return text.find_first_of("\r\n") != std::string_view::npos;
}

std::string header(std::string_view name, std::string_view value) {
  if (has_line_break(value)) throw DeliveryError("header contains a line break");
  return std::string(name) + ": " + std::string(value) + "\r\n";
}

std::string part(std::string_view boundary, std::string_view content_type, std::string_view body) {
  return "--" + std::string(boundary) + "\r\n" + "Content-Type: " + std::string(content_type) +
         "; charset=UTF-8\r\n" + "Content-Transfer-Encoding: quoted-printable\r\n" + "\r\n" +
         quoted_printable_encode(body);
}

bool valid_boundary(std::string_view boundary) {
  if (boundary.empty() || boundary.size() > 70) return false;
  for (const char c : boundary) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '=' || c == '_' || c == '-' || c == '.';
    if (!ok) return false;
  }
  return true;
}

}  // namespace

std::string build_mime_message(const MimeMessage& message) {
  check_address(message.from.address, "sender");
  check_address(message.to, "recipient");
  if (!valid_boundary(message.boundary)) throw DeliveryError("MIME boundary is not valid");

  std::string out;
  out += header("Date", message.date);
  out += header("From", format_mailbox(message.from));
  out += header("To", message.to);
  // encode_header_text rejects line breaks itself and folds with CRLF + space on purpose.
  out += "Subject: " + encode_header_text(message.content.subject) + "\r\n";
  out += header("Message-ID", message.message_id);
  out += header("MIME-Version", "1.0");
  out += header("Auto-Submitted", "auto-generated");
  out += header("Content-Type", "multipart/alternative; boundary=\"" + message.boundary + "\"");
  out += "\r\n";
  out += part(message.boundary, "text/plain", message.content.text);
  out += "\r\n";
  out += part(message.boundary, "text/html", message.content.html);
  out += "\r\n--" + message.boundary + "--\r\n";
  return out;
}

std::string rfc5322_date(std::chrono::system_clock::time_point when) {
  const std::time_t seconds = std::chrono::system_clock::to_time_t(when);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%s, %02d %s %04d %02d:%02d:%02d +0000", kDays[utc.tm_wday],
                utc.tm_mday, kMonths[utc.tm_mon], utc.tm_year + 1900, utc.tm_hour, utc.tm_min,
                utc.tm_sec);
  return buffer;
}

std::string new_boundary() { return "=_tessera_" + crypto::hex_encode(crypto::random_bytes(16)); }

std::string new_message_id(std::string_view domain) {
  return "<" + crypto::hex_encode(crypto::random_bytes(16)) + "@" + std::string(domain) + ">";
}

}  // namespace tessera::delivery

#pragma once
#include <string>
#include <string_view>

namespace tessera::delivery {

// An email mailbox: an optional display name and an address ("Tessera <no-reply@example.com>").
struct Mailbox {
  std::string display_name;
  std::string address;
};

// Accepts "a@example.com", "Name <a@example.com>" and "\"Name, Inc.\" <a@example.com>". Throws
// DeliveryError on anything else, in particular on CR, LF or other control characters, so that
// nothing read from a request or a setting can add a header or a recipient.
Mailbox parse_mailbox(std::string_view text);

// A plain ASCII address (dot-atom local part @ host name); throws DeliveryError naming `what`
// ("recipient", "sender") but never the address itself.
void check_address(std::string_view address, std::string_view what);

// The mailbox as a header value: quoted or RFC 2047-encoded display name as needed.
std::string format_mailbox(const Mailbox& mailbox);

// An unstructured header value (a Subject): printable ASCII stays as it is, anything else becomes
// RFC 2047 UTF-8 "B" encoded words folded onto continuation lines. Throws DeliveryError on
// control characters (CR, LF, ...).
std::string encode_header_text(std::string_view text);

}  // namespace tessera::delivery

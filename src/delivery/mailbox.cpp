#include "delivery/mailbox.h"

#include <algorithm>
#include <cstring>

#include "crypto/encoding.h"
#include "delivery/delivery_error.h"

namespace tessera::delivery {
namespace {

bool is_control(unsigned char c) { return c < 0x20 || c == 0x7f; }

bool has_control(std::string_view text) {
  return std::any_of(text.begin(), text.end(), [](char c) { return is_control(c); });
}

bool is_ascii(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return (c & 0x80) == 0; });
}

bool is_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

bool is_atext(char c) { return is_alnum(c) || std::strchr("!#$%&'*+-/=?^_`{|}~", c) != nullptr; }

bool is_dot_atom(std::string_view text, bool (*allowed)(char)) {
  if (text.empty() || text.front() == '.' || text.back() == '.') return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '.') {
      if (text[i - 1] == '.') return false;
    } else if (!allowed(text[i])) {
      return false;
    }
  }
  return true;
}

bool is_host_char(char c) { return is_alnum(c) || c == '-'; }

std::string_view trim(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  return text;
}

std::string unquote(std::string_view text) {
  if (text.size() < 2 || text.front() != '"' || text.back() != '"') return std::string(text);
  std::string out;
  for (std::size_t i = 1; i + 1 < text.size(); ++i) {
    if (text[i] == '\\' && i + 2 < text.size()) ++i;
    out += text[i];
  }
  return out;
}

// Length of the UTF-8 sequence starting with `lead` (1 for stray continuation bytes).
std::size_t utf8_length(unsigned char lead) {
  if (lead >= 0xf0) return 4;
  if (lead >= 0xe0) return 3;
  if (lead >= 0xc0) return 2;
  return 1;
}

}  // namespace

void check_address(std::string_view address, std::string_view what) {
  const auto fail = [&] { throw DeliveryError(std::string(what) + " address is not valid"); };
  if (address.size() > 254) fail();
  const std::size_t at = address.rfind('@');
  if (at == std::string_view::npos) fail();
  const std::string_view local = address.substr(0, at);
  const std::string_view domain = address.substr(at + 1);
  if (local.size() > 64 || !is_dot_atom(local, is_atext) || !is_dot_atom(domain, is_host_char))
    fail();
}

Mailbox parse_mailbox(std::string_view text) {
  if (has_control(text)) throw DeliveryError("mailbox contains a line break or control character");
  text = trim(text);
  Mailbox mailbox;
  if (!text.empty() && text.back() == '>') {
    const std::size_t open = text.rfind('<');
    if (open == std::string_view::npos) throw DeliveryError("mailbox is not valid");
    mailbox.address = std::string(text.substr(open + 1, text.size() - open - 2));
    const std::string_view name = trim(text.substr(0, open));
    if (name.find_first_of("<>") != std::string_view::npos)
      throw DeliveryError("mailbox is not valid");
    mailbox.display_name = unquote(name);
  } else {
    mailbox.address = std::string(text);
  }
  check_address(mailbox.address, "mailbox");
  return mailbox;
}

std::string encode_header_text(std::string_view text) {
  if (has_control(text)) throw DeliveryError("header contains a line break or control character");
  if (is_ascii(text)) return std::string(text);
  // Encoded words of at most 45 bytes of UTF-8 (60 base64 characters, 72 with the wrapper), each
  // ending on a whole character as RFC 2047 §5 requires.
  constexpr std::size_t kChunk = 45;
  std::string out;
  std::size_t begin = 0;
  while (begin < text.size()) {
    std::size_t end = begin;
    while (end < text.size()) {
      const std::size_t next = end + utf8_length(static_cast<unsigned char>(text[end]));
      if (next - begin > kChunk) break;
      end = std::min(next, text.size());
    }
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + crypto::base64_encode(text.substr(begin, end - begin)) + "?=";
    begin = end;
  }
  return out;
}

std::string format_mailbox(const Mailbox& mailbox) {
  const std::string& name = mailbox.display_name;
  if (name.empty()) return mailbox.address;
  if (!is_ascii(name)) return encode_header_text(name) + " <" + mailbox.address + ">";
  if (has_control(name)) throw DeliveryError("mailbox contains a line break or control character");
  const bool plain =
      std::all_of(name.begin(), name.end(), [](char c) { return is_atext(c) || c == ' '; });
  if (plain) return name + " <" + mailbox.address + ">";
  std::string quoted = "\"";
  for (const char c : name) {
    if (c == '"' || c == '\\') quoted += '\\';
    quoted += c;
  }
  return quoted + "\" <" + mailbox.address + ">";
}

}  // namespace tessera::delivery

#include "http/form.h"

#include <cstdint>

namespace tessera::http {

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Decodes into out; returns false at the first malformed escape when strict (lenient keeps it).
bool decode_into(std::string_view text, bool plus_is_space, bool strict, std::string& out) {
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '+' && plus_is_space) {
      out.push_back(' ');
    } else if (c == '%') {
      int high = i + 1 < text.size() ? hex_value(text[i + 1]) : -1;
      int low = i + 2 < text.size() ? hex_value(text[i + 2]) : -1;
      if (high < 0 || low < 0) {
        if (strict) return false;
        out.push_back('%');
        continue;
      }
      out.push_back(static_cast<char>(high * 16 + low));
      i += 2;
    } else {
      out.push_back(c);
    }
  }
  return true;
}

}  // namespace

std::string percent_decode(std::string_view text, bool plus_is_space) {
  std::string out;
  decode_into(text, plus_is_space, false, out);
  return out;
}

std::optional<std::string> try_percent_decode(std::string_view text, bool plus_is_space) {
  std::string out;
  if (!decode_into(text, plus_is_space, true, out)) return std::nullopt;
  return out;
}

std::string url_encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    bool unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '-' || c == '.' || c == '_' || c == '~';
    if (unreserved) {
      out.push_back(c);
    } else {
      auto byte = static_cast<unsigned char>(c);
      out.push_back('%');
      out.push_back(kHex[byte >> 4]);
      out.push_back(kHex[byte & 0x0F]);
    }
  }
  return out;
}

std::string encode_urlencoded(const FormData& form) {
  std::string out;
  for (const auto& [key, value] : form) {
    if (!out.empty()) out.push_back('&');
    out += url_encode(key);
    out.push_back('=');
    out += url_encode(value);
  }
  return out;
}

bool is_valid_utf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    auto byte = static_cast<unsigned char>(text[i]);
    std::size_t length;
    std::uint32_t code_point;
    std::uint32_t minimum;
    if (byte < 0x80) {
      ++i;
      continue;
    } else if ((byte & 0xE0) == 0xC0) {
      length = 2, code_point = byte & 0x1F, minimum = 0x80;
    } else if ((byte & 0xF0) == 0xE0) {
      length = 3, code_point = byte & 0x0F, minimum = 0x800;
    } else if ((byte & 0xF8) == 0xF0) {
      length = 4, code_point = byte & 0x07, minimum = 0x10000;
    } else {
      return false;
    }
    if (i + length > text.size()) return false;
    for (std::size_t k = 1; k < length; ++k) {
      auto continuation = static_cast<unsigned char>(text[i + k]);
      if ((continuation & 0xC0) != 0x80) return false;
      code_point = (code_point << 6) | (continuation & 0x3F);
    }
    if (code_point < minimum || code_point > 0x10FFFF) return false;  // overlong / too large
    if (code_point >= 0xD800 && code_point <= 0xDFFF) return false;   // UTF-16 surrogates
    i += length;
  }
  return true;
}

std::optional<FormData> parse_urlencoded(std::string_view body) {
  FormData form;
  while (!body.empty()) {
    auto amp = body.find('&');
    std::string_view pair = body.substr(0, amp);
    body = amp == std::string_view::npos ? std::string_view() : body.substr(amp + 1);
    if (pair.empty()) continue;
    auto eq = pair.find('=');
    auto key = try_percent_decode(pair.substr(0, eq), true);
    auto value = try_percent_decode(
        eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1), true);
    if (!key || !value || !is_valid_utf8(*key) || !is_valid_utf8(*value)) return std::nullopt;
    form.emplace_back(std::move(*key), std::move(*value));
  }
  return form;
}

std::optional<std::string> form_value(const FormData& form, std::string_view key) {
  for (const auto& [name, value] : form) {
    if (name == key) return value;
  }
  return std::nullopt;
}

}  // namespace tessera::http

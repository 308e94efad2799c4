#include "delivery/json_field.h"

#include <cstdint>

namespace tessera::delivery {
namespace {

class Scanner {
 public:
  explicit Scanner(std::string_view text) : text_(text) {}

  void skip_space() {
    while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t' ||
                                   text_[pos_] == '\n' || text_[pos_] == '\r'))
      ++pos_;
  }

  bool take(char c) {
    skip_space();
    if (pos_ < text_.size() && text_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }

  bool peek(char c) {
    skip_space();
    return pos_ < text_.size() && text_[pos_] == c;
  }

  std::optional<std::string> string() {
    if (!take('"')) return std::nullopt;
    std::string out;
    while (pos_ < text_.size()) {
      const char c = text_[pos_++];
      if (c == '"') return out;
      if (static_cast<unsigned char>(c) < 0x20) return std::nullopt;
      if (c != '\\') {
        out += c;
        continue;
      }
      if (pos_ >= text_.size()) return std::nullopt;
      const char e = text_[pos_++];
      switch (e) {
        case '"':
        case '\\':
        case '/':
          out += e;
          break;
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'n':
          out += '\n';
          break;
        case 'r':
          out += '\r';
          break;
        case 't':
          out += '\t';
          break;
        case 'u':
          if (!unicode_escape(out)) return std::nullopt;
          break;
        default:
          return std::nullopt;
      }
    }
    return std::nullopt;
  }

  // Skips any JSON value; false on malformed input or nesting deeper than 64.
  bool skip_value(int depth = 0) {
    if (depth > 64) return false;
    skip_space();
    if (peek('"')) return string().has_value();
    if (take('{')) {
      if (take('}')) return true;
      do {
        if (!string() || !take(':') || !skip_value(depth + 1)) return false;
      } while (take(','));
      return take('}');
    }
    if (take('[')) {
      if (take(']')) return true;
      do {
        if (!skip_value(depth + 1)) return false;
      } while (take(','));
      return take(']');
    }
    const std::size_t start = pos_;
    while (pos_ < text_.size() &&
           std::string_view("+-.0123456789Eaeflnrstu").find(text_[pos_]) != std::string_view::npos)
      ++pos_;
    return pos_ > start;
  }

 private:
  std::optional<std::uint32_t> hex4() {
    if (pos_ + 4 > text_.size()) return std::nullopt;
    std::uint32_t value = 0;
    for (int i = 0; i < 4; ++i) {
      const char c = text_[pos_++];
      value <<= 4;
      if (c >= '0' && c <= '9') {
        value |= static_cast<std::uint32_t>(c - '0');
      } else if (c >= 'a' && c <= 'f') {
        value |= static_cast<std::uint32_t>(c - 'a' + 10);
      } else if (c >= 'A' && c <= 'F') {
        value |= static_cast<std::uint32_t>(c - 'A' + 10);
      } else {
        return std::nullopt;
      }
    }
    return value;
  }

  bool unicode_escape(std::string& out) {
    auto unit = hex4();
    if (!unit) return false;
    std::uint32_t code = *unit;
    if (code >= 0xd800 && code <= 0xdbff) {  // a surrogate pair
      if (text_.substr(pos_, 2) != "\\u") return false;
      pos_ += 2;
      const auto low = hex4();
      if (!low || *low < 0xdc00 || *low > 0xdfff) return false;
      code = 0x10000 + ((code - 0xd800) << 10) + (*low - 0xdc00);
    } else if (code >= 0xdc00 && code <= 0xdfff) {
      return false;
    }
    if (code < 0x80) {
      out += static_cast<char>(code);
    } else if (code < 0x800) {
      out += static_cast<char>(0xc0 | (code >> 6));
      out += static_cast<char>(0x80 | (code & 0x3f));
    } else if (code < 0x10000) {
      out += static_cast<char>(0xe0 | (code >> 12));
      out += static_cast<char>(0x80 | ((code >> 6) & 0x3f));
      out += static_cast<char>(0x80 | (code & 0x3f));
    } else {
      out += static_cast<char>(0xf0 | (code >> 18));
      out += static_cast<char>(0x80 | ((code >> 12) & 0x3f));
      out += static_cast<char>(0x80 | ((code >> 6) & 0x3f));
      out += static_cast<char>(0x80 | (code & 0x3f));
    }
    return true;
  }

  std::string_view text_;
  std::size_t pos_ = 0;
};

}  // namespace

std::optional<std::string> json_string_field(std::string_view json, std::string_view name) {
  Scanner scanner(json);
  if (!scanner.take('{') || scanner.take('}')) return std::nullopt;
  do {
    const auto key = scanner.string();
    if (!key || !scanner.take(':')) return std::nullopt;
    if (*key == name && scanner.peek('"')) return scanner.string();
    if (!scanner.skip_value()) return std::nullopt;
  } while (scanner.take(','));
  return std::nullopt;
}

}  // namespace tessera::delivery

#include "crypto/jwt_header.h"

#include <cstddef>

namespace tessera::crypto {
namespace {

class Scanner {
 public:
  explicit Scanner(std::string_view text) : text_(text) {}

  void skip_space() {
    while (pos_ < text_.size() && is_space(text_[pos_])) ++pos_;
  }
  bool at_end() const { return pos_ >= text_.size(); }
  bool consume(char c) {
    skip_space();
    if (pos_ < text_.size() && text_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }
  char peek() {
    skip_space();
    return pos_ < text_.size() ? text_[pos_] : '\0';
  }

  // A JSON string's contents without the quotes, escapes left as they are.
  std::optional<std::string_view> string() {
    if (!consume('"')) return std::nullopt;
    const std::size_t start = pos_;
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      if (c == '"') return text_.substr(start, pos_++ - start);
      if (static_cast<unsigned char>(c) < 0x20) return std::nullopt;
      pos_ += (c == '\\') ? 2 : 1;
    }
    return std::nullopt;
  }

  // Skips any value: a string, a balanced object or array, or a bare literal/number.
  bool skip_value() {
    const char first = peek();
    if (first == '"') return string().has_value();
    if (first == '{' || first == '[') return skip_nested();
    const std::size_t start = pos_;
    while (pos_ < text_.size() && text_[pos_] != ',' && text_[pos_] != '}' && text_[pos_] != ']' &&
           !is_space(text_[pos_])) {
      ++pos_;
    }
    return pos_ > start;
  }

 private:
  static bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

  bool skip_nested() {
    int depth = 0;
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      if (c == '"') {
        if (!string()) return false;
        continue;
      }
      ++pos_;
      if (c == '{' || c == '[') ++depth;
      if (c == '}' || c == ']') {
        if (--depth == 0) return true;
      }
    }
    return false;
  }

  std::string_view text_;
  std::size_t pos_ = 0;
};

}  // namespace

std::optional<std::string> json_top_level_string(std::string_view json, std::string_view name) {
  Scanner scanner(json);
  if (!scanner.consume('{')) return std::nullopt;
  std::optional<std::string> found;
  bool first = true;
  while (!scanner.consume('}')) {
    if (!first && !scanner.consume(',')) return std::nullopt;
    first = false;
    const std::optional<std::string_view> key = scanner.string();
    if (!key || !scanner.consume(':')) return std::nullopt;
    if (*key == name) {
      if (found) return std::nullopt;  // a repeated member is ambiguous: refuse it
      const std::optional<std::string_view> value =
          scanner.peek() == '"' ? scanner.string() : std::nullopt;
      if (!value) return std::nullopt;
      found = std::string(*value);
    } else if (!scanner.skip_value()) {
      return std::nullopt;
    }
  }
  scanner.skip_space();
  if (!scanner.at_end()) return std::nullopt;
  return found;
}

}  // namespace tessera::crypto

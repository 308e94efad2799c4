#include "crypto/legacy_hashes/hash_fields.h"

#include <charconv>

#include "crypto/encoding.h"

namespace tessera::crypto::legacy {

std::vector<std::string_view> split_fields(std::string_view text, char separator) {
  std::vector<std::string_view> fields;
  std::size_t start = 0;
  while (true) {
    const std::size_t end = text.find(separator, start);
    if (end == std::string_view::npos) {
      fields.push_back(text.substr(start));
      return fields;
    }
    fields.push_back(text.substr(start, end - start));
    start = end + 1;
  }
}

std::optional<std::uint64_t> parse_bounded(std::string_view digits, std::uint64_t min,
                                           std::uint64_t max) {
  if (digits.empty() || digits.size() > 19) return std::nullopt;
  for (const char c : digits)
    if (c < '0' || c > '9') return std::nullopt;
  std::uint64_t value = 0;
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (error != std::errc() || end != digits.data() + digits.size()) return std::nullopt;
  if (value < min || value > max) return std::nullopt;
  return value;
}

std::optional<std::string> decode_base64_any_padding(std::string_view text) {
  if (text.find('=') != std::string_view::npos) return base64_decode(text);
  if (text.size() % 4 == 1) return std::nullopt;
  std::string padded(text);
  padded.append((4 - padded.size() % 4) % 4, '=');
  return base64_decode(padded);
}

}  // namespace tessera::crypto::legacy

#include "crypto/encoding.h"

#include <array>
#include <cctype>
#include <cstdint>

namespace tessera::crypto {
namespace {

constexpr std::string_view kBase64 =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr std::string_view kBase64Url =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
constexpr std::string_view kBase32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
constexpr int kInvalid = -1;

// Packs `bits_per_char` bits per output character, most significant first; the last character
// is padded with zero bits. Padding characters ('=') are the caller's to add.
std::string encode_bits(std::string_view bytes, std::string_view alphabet, int bits_per_char) {
  std::string out;
  out.reserve((bytes.size() * 8 + bits_per_char - 1) / bits_per_char);
  const std::uint32_t mask = (1u << bits_per_char) - 1;
  std::uint32_t buffer = 0;
  int buffered_bits = 0;
  for (unsigned char byte : bytes) {
    buffer = (buffer << 8) | byte;
    buffered_bits += 8;
    while (buffered_bits >= bits_per_char) {
      buffered_bits -= bits_per_char;
      out.push_back(alphabet[(buffer >> buffered_bits) & mask]);
    }
  }
  if (buffered_bits > 0) {
    out.push_back(alphabet[(buffer << (bits_per_char - buffered_bits)) & mask]);
  }
  return out;
}

using Lookup = std::array<int, 256>;

Lookup make_lookup(std::string_view alphabet) {
  Lookup lookup;
  lookup.fill(kInvalid);
  for (std::size_t i = 0; i < alphabet.size(); ++i) {
    lookup[static_cast<unsigned char>(alphabet[i])] = static_cast<int>(i);
  }
  return lookup;
}

// Inverse of encode_bits over characters that are all in the alphabet. Rejects lengths no
// encoder produces and non-zero leftover bits, so each byte string has one accepted encoding.
std::optional<std::string> decode_bits(std::string_view text, const Lookup& lookup,
                                       int bits_per_char) {
  std::string out;
  out.reserve(text.size() * bits_per_char / 8);
  std::uint32_t buffer = 0;
  int buffered_bits = 0;
  for (unsigned char c : text) {
    const int value = lookup[c];
    if (value == kInvalid) return std::nullopt;
    buffer = (buffer << bits_per_char) | static_cast<std::uint32_t>(value);
    buffered_bits += bits_per_char;
    if (buffered_bits >= 8) {
      buffered_bits -= 8;
      out.push_back(static_cast<char>((buffer >> buffered_bits) & 0xFF));
    }
  }
  if (buffered_bits >= bits_per_char) return std::nullopt;  // a whole character held no byte
  if ((buffer & ((1u << buffered_bits) - 1)) != 0) return std::nullopt;
  return out;
}

std::string_view strip_padding(std::string_view text) {
  while (!text.empty() && text.back() == '=') text.remove_suffix(1);
  return text;
}

}  // namespace

std::string base64_encode(std::string_view bytes) {
  std::string out = encode_bits(bytes, kBase64, 6);
  out.append((4 - out.size() % 4) % 4, '=');
  return out;
}

std::optional<std::string> base64_decode(std::string_view text) {
  static const Lookup lookup = make_lookup(kBase64);
  if (text.size() % 4 != 0) return std::nullopt;
  const std::string_view data = strip_padding(text);
  if (text.size() - data.size() > 2) return std::nullopt;
  return decode_bits(data, lookup, 6);
}

std::string base64url_encode(std::string_view bytes) { return encode_bits(bytes, kBase64Url, 6); }

std::optional<std::string> base64url_decode(std::string_view text) {
  static const Lookup lookup = make_lookup(kBase64Url);
  const std::string_view data = strip_padding(text);
  if (data.size() != text.size() && text.size() % 4 != 0) return std::nullopt;
  if (text.size() - data.size() > 2) return std::nullopt;
  return decode_bits(data, lookup, 6);
}

std::string base32_encode(std::string_view bytes) { return encode_bits(bytes, kBase32, 5); }

std::optional<std::string> base32_decode(std::string_view text) {
  static const Lookup lookup = make_lookup(kBase32);
  // Secrets are often typed or pasted in groups, lower-case, with or without padding.
  std::string normalized;
  normalized.reserve(text.size());
  for (unsigned char c : text) {
    if (c == '=' || std::isspace(c)) continue;
    normalized.push_back(static_cast<char>(std::toupper(c)));
  }
  return decode_bits(normalized, lookup, 5);
}

std::string hex_encode(std::string_view bytes) {
  constexpr std::string_view kDigits = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char byte : bytes) {
    out.push_back(kDigits[byte >> 4]);
    out.push_back(kDigits[byte & 0x0F]);
  }
  return out;
}

}  // namespace tessera::crypto

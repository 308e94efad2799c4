#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace tessera::crypto {

std::string base64_encode(std::string_view bytes);  // standard alphabet, padded
std::optional<std::string> base64_decode(std::string_view text);
std::string base64url_encode(std::string_view bytes);  // RFC 4648 §5, no padding
std::optional<std::string> base64url_decode(std::string_view text);  // padding optional
// RFC 4648 base32 (A-Z2-7). Encoding has no padding; decoding ignores case, spaces and '='.
std::string base32_encode(std::string_view bytes);
std::optional<std::string> base32_decode(std::string_view text);
std::string hex_encode(std::string_view bytes);  // lower-case

}  // namespace tessera::crypto

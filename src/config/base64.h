#pragma once
#include <optional>
#include <string>
#include <string_view>

// A tiny base64 for the config layer (which sits below crypto/ and must not depend on it): to
// derive the default publishable key and to check the length of the instance key.
namespace tessera::config::detail {

std::string base64_encode_unpadded(std::string_view bytes);  // standard alphabet, no '='
// Accepts the standard and URL-safe alphabets, with or without padding; nullopt if malformed.
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace tessera::config::detail

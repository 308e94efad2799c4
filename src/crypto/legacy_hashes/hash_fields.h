#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tessera::crypto::legacy {

// The '$'-separated fields of a stored hash string, empty fields included
// ("$2b$10$x" → "", "2b", "10", "x").
std::vector<std::string_view> split_fields(std::string_view text, char separator = '$');

// A decimal number without sign, leading '+' or spaces, within [min, max]; nullopt otherwise.
std::optional<std::uint64_t> parse_bounded(std::string_view digits, std::uint64_t min,
                                           std::uint64_t max);

// Standard-alphabet base64 with or without its '=' padding (exports differ); nullopt if invalid.
std::optional<std::string> decode_base64_any_padding(std::string_view text);

}  // namespace tessera::crypto::legacy

#pragma once
// Just enough JSON reading for a JWS header, so crypto/ needs no JSON library.
#include <optional>
#include <string>
#include <string_view>

namespace tessera::crypto {

// The raw (still escaped) string value of a top-level member of a JSON object. nullopt when
// the text is not a well-formed object at the top level, the member is absent, repeated, or
// not a string. Nested values are skipped, not validated.
std::optional<std::string> json_top_level_string(std::string_view json, std::string_view name);

}  // namespace tessera::crypto

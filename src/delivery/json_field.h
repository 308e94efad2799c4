#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace tessera::delivery {

// The top-level string member `name` of the JSON object in `json` (escapes decoded), or nullopt
// when `json` is not a JSON object or has no such string member. Enough to read a provider's
// error {"code": 20003, "message": "Authenticate", ...} without a JSON library in this layer.
std::optional<std::string> json_string_field(std::string_view json, std::string_view name);

}  // namespace tessera::delivery

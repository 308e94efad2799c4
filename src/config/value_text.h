#pragma once
#include <string>
#include <string_view>

#include "config/settings.h"

// Text form of setting values, as written in environment variables and --set, and as printed.
namespace tessera::config::detail {

// Converts `text` to the field's type and stores it. bool: true/false/1/0/yes/no/on/off;
// lists: comma-separated, blanks trimmed. Throws std::invalid_argument describing the problem.
void assign_from_text(FieldRef field, std::string_view text);

// The value as a human reads it: true, 8080, "text", [a, b].
std::string render(FieldRef field);

}  // namespace tessera::config::detail

#pragma once
#include <string>
#include <string_view>

namespace tessera::delivery {

// Escapes & < > " ' for use in HTML text and double- or single-quoted attribute values.
std::string html_escape(std::string_view text);

}  // namespace tessera::delivery

#pragma once
#include <chrono>
#include <string>

namespace tessera::http::detail {

// IMF-fixdate as in the Date header: "Sun, 06 Nov 1994 08:49:37 GMT". Locale-independent.
std::string format_http_date(std::chrono::system_clock::time_point time);

// The current Date header value, formatted at most once a second per thread.
const std::string& http_date_now();

}  // namespace tessera::http::detail

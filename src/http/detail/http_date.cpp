#include "http/detail/http_date.h"

#include <cstdio>
#include <ctime>

namespace tessera::http::detail {

std::string format_http_date(std::chrono::system_clock::time_point time) {
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  std::time_t seconds = std::chrono::system_clock::to_time_t(time);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%s, %02d %s %04d %02d:%02d:%02d GMT", kDays[utc.tm_wday],
                utc.tm_mday, kMonths[utc.tm_mon], utc.tm_year + 1900, utc.tm_hour, utc.tm_min,
                utc.tm_sec);
  return buffer;
}

const std::string& http_date_now() {
  thread_local std::time_t cached_second = -1;
  thread_local std::string cached;
  auto now = std::chrono::system_clock::now();
  std::time_t second = std::chrono::system_clock::to_time_t(now);
  if (second != cached_second) {
    cached_second = second;
    cached = format_http_date(now);
  }
  return cached;
}

}  // namespace tessera::http::detail

#include "config/summary.h"

#include "config/settings.h"
#include "config/value_text.h"

namespace tessera::config {
namespace {

// scheme://user:password@host → scheme://***@host, so a database or SMTP URL never leaks a
// password.
std::string redact_userinfo(const std::string& url) {
  const auto scheme_end = url.find("://");
  if (scheme_end == std::string::npos) return url;
  const auto host_start = scheme_end + 3;
  const auto at = url.find('@', host_start);
  const auto path = url.find('/', host_start);
  if (at == std::string::npos || (path != std::string::npos && path < at)) return url;
  return url.substr(0, host_start) + "***" + url.substr(at);
}

}  // namespace

std::string summarize(const Config& config) {
  Config copy = config;  // FieldRef points into a mutable Config; reading a copy keeps this const
  std::string out;
  for (const detail::Setting& setting : detail::settings()) {
    const detail::FieldRef field = setting.field(copy);
    std::string value;
    if (setting.secret) {
      value = std::get<std::string*>(field)->empty() ? "(not set)" : "(set, hidden)";
    } else if (auto* text = std::get_if<std::string*>(&field)) {
      **text = redact_userinfo(**text);
      value = detail::render(field);
    } else {
      value = detail::render(field);
    }
    out += setting.name() + " = " + value + "\n";
  }
  return out;
}

std::vector<std::string> warnings(const Config& config) {
  std::vector<std::string> out;
  if (config.dev.test_mode) {
    out.push_back("dev.test_mode is on: never enable it in production");
  }
  if (config.dev.outbox) {
    out.push_back(
        "dev.outbox is on: delivered codes are readable at /__dev/outbox (development only)");
  }
  if (config.dev.clock_control) {
    out.push_back(
        "dev.clock_control is on: POST /__dev/clock moves the server's clock (tests only)");
  }
  if (config.security.instance_key.empty()) {
    out.push_back(
        "security.instance_key is not set: a development key is generated and kept in the "
        "database; set one (and keep it secret) in production");
  }
  if (!config.limits.rate_limits) out.push_back("limits.rate_limits is off");
  return out;
}

}  // namespace tessera::config

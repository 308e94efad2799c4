#pragma once
#include <string>
#include <vector>

#include "config/config.h"

// What `tessera config check` prints. Secrets (instance key, SMTP password, SMS auth token and
// credentials inside URLs) are never shown, only whether they are set.
namespace tessera::config {

// One "section.key = value" line per setting, in table order.
std::string summarize(const Config& config);

// Settings that are valid but risky, e.g. test mode or the dev outbox being on.
std::vector<std::string> warnings(const Config& config);

}  // namespace tessera::config

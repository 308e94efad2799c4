#pragma once
#include <string>

#include "auth/settings.h"
#include "config/config.h"

namespace tessera::app {

// The domain's view of the instance config. `code_pepper` keys the hashes of one-time codes.
auth::AuthSettings auth_settings_from(const config::Config& config, std::string code_pepper);

}  // namespace tessera::app

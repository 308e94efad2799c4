#pragma once
#include "config/config.h"
#include "config/settings.h"

namespace tessera::config::detail {

// Fills the defaults that depend on other settings (require_mfa, public_url, publishable_key) and
// turns a bare database path into a sqlite:// URL. `origins` says what was set explicitly.
void apply_derived_defaults(Config& config, const Origins& origins);

// Throws ConfigError naming the first invalid setting and where its value came from.
void validate(const Config& config, const Origins& origins);

}  // namespace tessera::config::detail

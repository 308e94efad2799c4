#pragma once
#include <string>

#include "config/config.h"
#include "config/settings.h"

namespace tessera::config::detail {

// Reads the TOML file at `path` into `config`, recording "path:line" as the origin of each value.
// Throws ConfigError on a syntax error, an unknown section or key, or a value of the wrong type.
void apply_toml_file(const std::string& path, Config& config, Origins& origins);

}  // namespace tessera::config::detail

#pragma once
#include <nlohmann/json.hpp>

#include "config/config.h"

namespace tessera::fapi::json {

// The environment object clerk-js loads first (fapi-protocol.md §5): which identifiers and
// strategies are on, MFA requirements, password rules — all from the instance config. Every
// section clerk-js or the prebuilt UI dereferences is sent whole (partial maps crash the UI).
nlohmann::json environment(const config::Config& config, bool production_instance);

}  // namespace tessera::fapi::json

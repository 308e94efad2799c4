#pragma once
#include <string>

#include "auth/store.h"
#include "config/config.h"

namespace tessera::app {

// The 32-byte key that seals secrets at rest (TOTP secrets, signing keys) and keys code hashes.
// From security.instance_key; without one (development) a key is generated once and kept in the
// database, with a warning: in production it must come from the config or the environment.
std::string instance_key(const config::Config& config, auth::Store& store);

}  // namespace tessera::app

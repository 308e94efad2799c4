#pragma once
#include "config/config.h"

namespace tessera::app {

// Composition root: opens the store, builds the domain services and the HTTP server from the
// configuration and runs until SIGINT/SIGTERM. Returns the process exit code.
int serve(const config::Config& config);
// Creates or upgrades the database schema and exits.
int migrate(const config::Config& config);

}  // namespace tessera::app

#pragma once
#include <string>

#include "config/config.h"

namespace tessera::app {

// Composition root: opens the store, builds the domain services and the HTTP server from the
// configuration and runs until SIGINT/SIGTERM. Returns the process exit code.
int serve(const config::Config& config);
// Creates or upgrades the database schema and exits.
int migrate(const config::Config& config);
// Clears the failed-attempt counter and lockout of the user with this email address.
int unlock_user(const config::Config& config, const std::string& email);
// Deletes sign-ins, sign-ups, sessions and clients that have been unusable for `keep_days`
// (auth/housekeeping/purge.h) and prints how many of each.
int cleanup(const config::Config& config, int keep_days);
// Adds a new signing key; running servers pick it up on restart, older keys stay in the JWKS.
int rotate_keys(const config::Config& config);

}  // namespace tessera::app

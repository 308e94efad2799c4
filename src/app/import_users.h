#pragma once
#include <cstddef>
#include <string>

#include "config/config.h"

namespace tessera::app {

// `tessera users import FILE`: creates the users of a JSON-lines file (Clerk's import shape,
// see user_import/import_line.h) with their existing password digests, which verify at sign-in
// and are replaced by the instance's argon2id on the first successful one. Progress goes to
// stderr (a bar on a terminal), skipped lines to stderr with their line numbers, the summary to
// stdout. Returns 0 when every line was imported, 1 when some were skipped. `batch_size` users
// go in one transaction (a running server waits for each batch's write lock).
int import_users(const config::Config& config, const std::string& path, std::size_t batch_size);

}  // namespace tessera::app

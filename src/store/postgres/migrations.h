#pragma once
#include <string>
#include <vector>

namespace tessera::store::postgres {

class Connection;

// The schema as numbered steps: migrations()[i] is version i + 1. Append only; never edit a
// step that has shipped.
const std::vector<std::string>& migrations();

// Applies the steps not yet recorded in `schema_migrations`, each in its own transaction, while
// holding a session-level advisory lock, so several nodes starting at once migrate one after the
// other (the later ones find nothing left to do). Throws if the database was migrated by a newer
// build.
void migrate(Connection& connection);

}  // namespace tessera::store::postgres

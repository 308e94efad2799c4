#pragma once
#include <string>
#include <vector>

namespace tessera::store::sqlite {

class Connection;

// The schema as numbered steps: migrations()[i] is version i + 1. Append only; never edit a
// step that has shipped.
const std::vector<std::string>& migrations();

// Applies the steps not yet recorded in `schema_migrations`, each in its own transaction.
void migrate(Connection& connection);

}  // namespace tessera::store::sqlite

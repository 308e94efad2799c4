#pragma once
#include <string>

#include "auth/store.h"

namespace tessera::store {

// Schema version 3, the same in both dialects: indexes on the times housekeeping deletes by, so
// each batch is a range scan however large the tables grow.
const char* housekeeping_indexes_sql();

// Deletes up to `?` (second parameter) rows of that kind whose time is before `?` (first).
const std::string& purge_sql(auth::Expired kind);

}  // namespace tessera::store

#pragma once
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace tessera::store::postgres {

// Rows that PostgreSQL aggregated into one JSON value, `[[col, col, …], …]` (json_agg of
// json_build_array), read row by row and column by column like Result, so the shared row mapping
// (store/rows.h) reads them too. Lets one statement return a user with all its addresses: one
// round trip, one snapshot.
class JsonRows {
 public:
  // Throws std::runtime_error unless `json` is an array of arrays.
  explicit JsonRows(std::string_view json);

  bool next();

  // null reads as "" / 0 / false, as in Result; a nested array or object as its JSON text.
  std::string next_text();
  std::int64_t next_int64();
  int next_int();
  bool next_bool();

 private:
  const nlohmann::json& next_value();

  nlohmann::json rows_;
  std::size_t row_ = 0;
  std::size_t column_ = 0;
  bool started_ = false;
};

}  // namespace tessera::store::postgres

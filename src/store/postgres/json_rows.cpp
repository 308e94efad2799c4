#include "store/postgres/json_rows.h"

#include <stdexcept>

namespace tessera::store::postgres {

JsonRows::JsonRows(std::string_view json)
    : rows_(nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false)) {
  bool valid = rows_.is_array();
  for (const auto& row : rows_)
    if (!row.is_array()) valid = false;
  if (!valid) throw std::runtime_error("postgres: aggregated rows are not an array of arrays");
}

bool JsonRows::next() {
  if (started_) ++row_;
  started_ = true;
  column_ = 0;
  return row_ < rows_.size();
}

const nlohmann::json& JsonRows::next_value() {
  const auto& row = rows_.at(row_);
  if (column_ >= row.size()) throw std::out_of_range("postgres: read past the aggregated row");
  return row[column_++];
}

std::string JsonRows::next_text() {
  const auto& v = next_value();
  if (v.is_null()) return {};
  // An aggregate nested in an aggregate reads as its JSON text, as a json column does in Result.
  return v.is_string() ? v.get<std::string>() : v.dump();
}

std::int64_t JsonRows::next_int64() {
  const auto& v = next_value();
  return v.is_null() ? 0 : v.get<std::int64_t>();
}

int JsonRows::next_int() { return static_cast<int>(next_int64()); }

bool JsonRows::next_bool() {
  const auto& v = next_value();
  return v.is_null() ? false : v.get<bool>();
}

}  // namespace tessera::store::postgres

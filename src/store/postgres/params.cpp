#include "store/postgres/params.h"

namespace tessera::store::postgres {

Params& Params::bind(const std::string& value) {
  values_.push_back(value);
  return *this;
}

Params& Params::bind(std::int64_t value) { return bind(std::to_string(value)); }

Params& Params::bind(int value) { return bind(std::to_string(value)); }

Params& Params::bind(bool value) { return bind(std::string(value ? "t" : "f")); }

std::vector<const char*> Params::pointers() const {
  std::vector<const char*> out;
  out.reserve(values_.size());
  for (const auto& v : values_) out.push_back(v.c_str());
  return out;
}

}  // namespace tessera::store::postgres

#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace tessera::store::postgres {

// Statement parameters in text format, bound in order ($1, $2, …) like sqlite::Statement::bind,
// so the shared row mapping (store/rows.h) binds models to either.
class Params {
 public:
  Params& bind(const std::string& value);
  Params& bind(std::int64_t value);
  Params& bind(int value);
  Params& bind(bool value);
  // A string literal would otherwise convert to bool.
  Params& bind(const char*) = delete;

  int size() const { return static_cast<int>(values_.size()); }
  // Pointers into this object, valid while it lives unchanged.
  std::vector<const char*> pointers() const;

 private:
  std::vector<std::string> values_;
};

template <class... Values>
Params params(const Values&... values) {
  Params p;
  (p.bind(values), ...);
  return p;
}

}  // namespace tessera::store::postgres

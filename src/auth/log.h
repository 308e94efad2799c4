#pragma once
#include <string_view>

namespace tessera::auth {

// Where the domain reports what the operator should know but the user is not told, e.g. a
// notice that could not be delivered. Lines hold no secret (no password, code or token).
class Log {
 public:
  virtual ~Log() = default;
  virtual void warn(std::string_view line) = 0;
};

}  // namespace tessera::auth

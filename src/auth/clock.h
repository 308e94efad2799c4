#pragma once
#include <cstdint>

namespace tessera::auth {

// Milliseconds since the Unix epoch. The domain never reads the system clock itself, so tests
// can move time (expiry, lockout) without sleeping.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual std::int64_t now_ms() const = 0;
};

}  // namespace tessera::auth

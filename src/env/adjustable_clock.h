#pragma once
#include <atomic>

#include "env/system_clock.h"

namespace tessera::env {

// The system clock plus an offset that only moves forward. Production never moves it; with
// dev.clock_control, tests move it (POST /__dev/clock) to reach expiry and lockout ends without
// sleeping.
class AdjustableClock final : public auth::Clock {
 public:
  std::int64_t now_ms() const override { return system_.now_ms() + offset_ms_.load(); }
  void advance(std::int64_t ms) {
    if (ms > 0) offset_ms_ += ms;
  }

 private:
  SystemClock system_;
  std::atomic<std::int64_t> offset_ms_{0};
};

}  // namespace tessera::env

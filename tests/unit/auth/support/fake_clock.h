#pragma once
#include <cstdint>

#include "auth/clock.h"

namespace tessera::auth::test {

// A clock that only moves when a test moves it.
class FakeClock final : public Clock {
 public:
  explicit FakeClock(std::int64_t start_ms) : now_ms_(start_ms) {}
  std::int64_t now_ms() const override { return now_ms_; }
  void set(std::int64_t ms) { now_ms_ = ms; }
  void advance(std::int64_t ms) { now_ms_ += ms; }

 private:
  std::int64_t now_ms_;
};

}  // namespace tessera::auth::test

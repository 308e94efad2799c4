#pragma once
#include "auth/clock.h"

namespace tessera::env {

class SystemClock final : public auth::Clock {
 public:
  std::int64_t now_ms() const override;
};

}  // namespace tessera::env

#pragma once
#include "auth/random.h"

namespace tessera::env {

class SystemRandom final : public auth::Random {
 public:
  void fill(std::uint8_t* out, std::size_t n) override;
};

}  // namespace tessera::env

#pragma once
#include <cstdint>

#include "auth/random.h"

namespace tessera::auth::test {

// Deterministic bytes from a xorshift64* generator: the same seed gives the same sequence.
// Not for secrets; tests must not depend on its values.
class FakeRandom final : public Random {
 public:
  explicit FakeRandom(std::uint64_t seed = 1);
  void fill(std::uint8_t* out, std::size_t n) override;

 private:
  std::uint64_t next();
  std::uint64_t state_;
};

}  // namespace tessera::auth::test

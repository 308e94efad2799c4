#include "unit/auth/support/fake_random.h"

namespace tessera::auth::test {

// A zero state would stay zero forever; mix the seed so small seeds give distinct streams.
FakeRandom::FakeRandom(std::uint64_t seed) : state_((seed + 1) * 0x9E3779B97F4A7C15ULL) {}

std::uint64_t FakeRandom::next() {
  state_ ^= state_ >> 12;
  state_ ^= state_ << 25;
  state_ ^= state_ >> 27;
  return state_ * 0x2545F4914F6CDD1DULL;
}

void FakeRandom::fill(std::uint8_t* out, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) out[i] = static_cast<std::uint8_t>(next() >> 56);
}

}  // namespace tessera::auth::test

#include "env/system_random.h"

#include "crypto/random_bytes.h"

namespace tessera::env {

void SystemRandom::fill(std::uint8_t* out, std::size_t n) { crypto::random_fill(out, n); }

}  // namespace tessera::env

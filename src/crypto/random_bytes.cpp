#include "crypto/random_bytes.h"

#include <sodium.h>

#include "crypto/sodium_init.h"

namespace tessera::crypto {

void random_fill(std::uint8_t* out, std::size_t n) {
  ensure_sodium_initialized();
  randombytes_buf(out, n);
}

std::string random_bytes(std::size_t n) {
  std::string out(n, '\0');
  random_fill(reinterpret_cast<std::uint8_t*>(out.data()), n);
  return out;
}

}  // namespace tessera::crypto

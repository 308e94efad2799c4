#include "crypto/sodium_init.h"

#include <sodium.h>

#include <stdexcept>

namespace tessera::crypto {

void ensure_sodium_initialized() {
  // A function-local static is initialised exactly once, even under concurrent first calls.
  static const bool initialized = [] {
    if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
    return true;
  }();
  (void)initialized;
}

}  // namespace tessera::crypto

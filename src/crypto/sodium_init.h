#pragma once

namespace tessera::crypto {

// Initialises libsodium once per process; safe to call from any thread, every time.
void ensure_sodium_initialized();

}  // namespace tessera::crypto

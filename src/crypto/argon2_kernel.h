#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace tessera::crypto {

enum class Argon2Variant { i, id };

struct Argon2Cost {
  std::uint32_t memory_kib = 0;
  std::uint32_t iterations = 0;
  std::uint32_t lanes = 1;
};

// Raw Argon2 (version 1.3) by the reference implementation (cmake/argon2_reference.cmake).
// The work memory is kept from one hash to the next (shared by all threads, one block per hash
// running at once): mapping and faulting in fresh memory for every hash (what libsodium does)
// costs a third of a hash. It is wiped after every hash and given back by
// release_argon2_memory(). Throws std::runtime_error
// for costs the reference rejects or when memory runs out.
std::string argon2_raw(Argon2Variant variant, std::string_view password, std::string_view salt,
                       const Argon2Cost& cost, std::size_t output_bytes);

// Frees the kept work memory no hash is using (an idle hashing worker calls this).
void release_argon2_memory();

// Bytes of work memory kept and not in use (for tests).
std::size_t kept_argon2_memory();

}  // namespace tessera::crypto

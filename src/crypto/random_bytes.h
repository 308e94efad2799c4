#pragma once
#include <cstddef>
#include <cstdint>
#include <string>

namespace tessera::crypto {

// The operating system's CSPRNG (libsodium randombytes).
void random_fill(std::uint8_t* out, std::size_t n);
std::string random_bytes(std::size_t n);

}  // namespace tessera::crypto

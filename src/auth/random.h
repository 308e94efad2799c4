#pragma once
#include <cstddef>
#include <cstdint>
#include <string>

namespace tessera::auth {

// Source of unpredictable bytes. Production uses the OS CSPRNG (crypto/system_random.h);
// tests may inject a deterministic one.
class Random {
 public:
  virtual ~Random() = default;
  virtual void fill(std::uint8_t* out, std::size_t n) = 0;

  std::string bytes(std::size_t n);
  // Uniform in [0, bound) without modulo bias.
  std::uint32_t uniform(std::uint32_t bound);
  // n decimal digits, e.g. a one-time code.
  std::string digits(std::size_t n);
  // n characters from the alphabet, each uniform.
  std::string from_alphabet(std::string_view alphabet, std::size_t n);
};

}  // namespace tessera::auth

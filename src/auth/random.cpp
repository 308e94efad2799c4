#include "auth/random.h"

namespace tessera::auth {

std::string Random::bytes(std::size_t n) {
  std::string out(n, '\0');
  fill(reinterpret_cast<std::uint8_t*>(out.data()), n);
  return out;
}

std::uint32_t Random::uniform(std::uint32_t bound) {
  if (bound <= 1) return 0;
  // Reject the top partial range so every value is equally likely.
  const std::uint32_t limit = UINT32_MAX - (UINT32_MAX % bound);
  std::uint32_t v;
  do {
    fill(reinterpret_cast<std::uint8_t*>(&v), sizeof v);
  } while (v >= limit);
  return v % bound;
}

std::string Random::digits(std::size_t n) { return from_alphabet("0123456789", n); }

std::string Random::from_alphabet(std::string_view alphabet, std::size_t n) {
  std::string out;
  out.reserve(n);
  for (std::size_t i = 0; i < n; ++i)
    out.push_back(alphabet[uniform(static_cast<std::uint32_t>(alphabet.size()))]);
  return out;
}

}  // namespace tessera::auth

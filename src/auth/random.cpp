#include "auth/random.h"

#include <stdexcept>
#include <vector>

namespace tessera::auth {

std::string Random::bytes(std::size_t n) {
  std::string out(n, '\0');
  fill(reinterpret_cast<std::uint8_t*>(out.data()), n);
  return out;
}

namespace {

// Draws at or above this fall in the top partial range of 2^32 that would favour small values.
std::uint32_t unbiased_limit(std::uint32_t bound) { return UINT32_MAX - (UINT32_MAX % bound); }

}  // namespace

std::uint32_t Random::uniform(std::uint32_t bound) {
  if (bound <= 1) return 0;
  const std::uint32_t limit = unbiased_limit(bound);
  std::uint32_t v;
  do {
    fill(reinterpret_cast<std::uint8_t*>(&v), sizeof v);
  } while (v >= limit);
  return v % bound;
}

std::string Random::digits(std::size_t n) { return from_alphabet("0123456789", n); }

std::string Random::from_alphabet(std::string_view alphabet, std::size_t n) {
  const auto bound = static_cast<std::uint32_t>(alphabet.size());
  if (n == 0) return {};
  if (bound == 0) throw std::invalid_argument("from_alphabet: empty alphabet");
  // One draw for the whole string (the OS source costs a system call per fill), then the rare
  // biased words are drawn again one by one, as uniform() does.
  std::vector<std::uint32_t> words(n);
  fill(reinterpret_cast<std::uint8_t*>(words.data()), n * sizeof(std::uint32_t));
  const std::uint32_t limit = unbiased_limit(bound);
  std::string out(n, '\0');
  for (std::size_t i = 0; i < n; ++i)
    out[i] = alphabet[words[i] < limit ? words[i] % bound : uniform(bound)];
  return out;
}

}  // namespace tessera::auth

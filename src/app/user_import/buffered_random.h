#pragma once
#include <array>
#include <cstddef>
#include <cstdint>

#include "auth/random.h"

namespace tessera::app {

// Draws from another Random in 4 KiB blocks: an import makes several ids per user, and a
// million users would otherwise be millions of getrandom calls (one per id since
// Random::from_alphabet draws a whole id at once; one per character before that, when this
// dominated the import).
class BufferedRandom final : public auth::Random {
 public:
  explicit BufferedRandom(auth::Random& source) : source_(source) {}
  ~BufferedRandom() override;
  BufferedRandom(const BufferedRandom&) = delete;
  BufferedRandom& operator=(const BufferedRandom&) = delete;

  void fill(std::uint8_t* out, std::size_t n) override;

 private:
  auth::Random& source_;
  std::array<std::uint8_t, 4096> buffer_{};
  std::size_t used_ = 4096;  // empty: refilled on first use
};

}  // namespace tessera::app

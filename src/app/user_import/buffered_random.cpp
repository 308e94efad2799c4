#include "app/user_import/buffered_random.h"

#include <algorithm>
#include <cstring>

namespace tessera::app {

BufferedRandom::~BufferedRandom() {
  // Unused bytes would be the next ids; do not leave them in freed memory.
  volatile std::uint8_t* p = buffer_.data();
  for (std::size_t i = 0; i < buffer_.size(); ++i) p[i] = 0;
}

void BufferedRandom::fill(std::uint8_t* out, std::size_t n) {
  while (n > 0) {
    if (used_ == buffer_.size()) {
      source_.fill(buffer_.data(), buffer_.size());
      used_ = 0;
    }
    const std::size_t take = std::min(n, buffer_.size() - used_);
    std::memcpy(out, buffer_.data() + used_, take);
    std::fill_n(buffer_.data() + used_, take, std::uint8_t{0});  // each byte is handed out once
    used_ += take;
    out += take;
    n -= take;
  }
}

}  // namespace tessera::app

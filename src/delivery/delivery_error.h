#pragma once
#include <stdexcept>

namespace tessera::delivery {

// A code could not be delivered (or the delivery settings are unusable). Messages never contain
// the code, passwords or tokens; they may be logged.
struct DeliveryError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

}  // namespace tessera::delivery

#include "auth/ids.h"

namespace tessera::auth {

std::string new_id(Random& random, std::string_view prefix) {
  static constexpr std::string_view kBase62 =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  return std::string(prefix) + "_" + random.from_alphabet(kBase62, 27);
}

}  // namespace tessera::auth

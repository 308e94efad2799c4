#pragma once
#include <string>
#include <string_view>

#include "auth/random.h"

namespace tessera::auth {

// Opaque ids with Clerk's readable prefixes (user_, sess_, sia_, ...): 27 random base62
// characters (~160 bits) so ids cannot be guessed.
std::string new_id(Random& random, std::string_view prefix);

}  // namespace tessera::auth

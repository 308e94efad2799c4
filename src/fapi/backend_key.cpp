#include "fapi/backend_key.h"

#include <string>

#include "auth/error.h"
#include "crypto/hash.h"

namespace tessera::fapi {

void require_secret_key(const http::Request& request, std::string_view secret_key) {
  constexpr std::string_view kBearer = "Bearer ";
  const auto header = request.header("authorization");
  if (!header || !header->starts_with(kBearer) || header->size() == kBearer.size())
    throw auth::AuthError("authorization_header_format_invalid");
  const auto presented = std::string_view(*header).substr(kBearer.size());
  // An unset key matches nothing (its digest is compared all the same).
  const bool same =
      crypto::constant_time_equal(crypto::sha256(presented), crypto::sha256(secret_key)) &&
      !secret_key.empty();
  if (!same) throw auth::AuthError("clerk_key_invalid");
}

}  // namespace tessera::fapi

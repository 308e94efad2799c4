#include "fapi/cookie_suffix.h"

#include "crypto/encoding.h"
#include "crypto/hash.h"

namespace tessera::fapi {

std::string cookie_suffix(std::string_view publishable_key) {
  return crypto::base64url_encode(crypto::sha1(publishable_key)).substr(0, 8);
}

}  // namespace tessera::fapi

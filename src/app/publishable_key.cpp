#include "app/publishable_key.h"

#include "crypto/encoding.h"

namespace tessera::app {

std::string publishable_key_or_default(const std::string& configured) {
  if (!configured.empty()) return configured;
  auto encoded = crypto::base64_encode("clerk.tessera.test$");
  while (!encoded.empty() && encoded.back() == '=') encoded.pop_back();
  return "pk_live_" + encoded;
}

bool is_production_key(const std::string& key) { return key.rfind("pk_live_", 0) == 0; }

}  // namespace tessera::app

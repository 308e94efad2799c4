#include "app/instance_key.h"

#include <iostream>
#include <stdexcept>

#include "crypto/encoding.h"
#include "crypto/random_bytes.h"

namespace tessera::app {

std::string instance_key(const config::Config& config, auth::Store& store) {
  if (!config.security.instance_key.empty()) {
    auto key = crypto::base64_decode(config.security.instance_key);
    if (!key || key->size() != 32)
      throw std::runtime_error("security.instance_key must be base64 of 32 bytes");
    return *key;
  }
  const auto fresh = crypto::base64_encode(crypto::random_bytes(32));
  const auto stored = store.put_setting_if_absent("dev_instance_key", fresh);
  std::cerr << "tessera: WARNING: security.instance_key is not set; using a development key kept "
               "in the database. Set it in production.\n";
  auto key = crypto::base64_decode(stored);
  if (!key || key->size() != 32) throw std::runtime_error("stored development key is corrupt");
  return *key;
}

}  // namespace tessera::app

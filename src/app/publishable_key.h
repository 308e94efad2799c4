#pragma once
#include <string>

namespace tessera::app {

// pk_live_/pk_test_ + base64("<frontend host>$"); clerk-js needs a dotted host even though all
// traffic goes to its proxyUrl. Default: a production key for the dummy host clerk.tessera.test.
std::string publishable_key_or_default(const std::string& configured);
bool is_production_key(const std::string& key);

}  // namespace tessera::app

#pragma once
#include <optional>
#include <string>

#include "auth/context.h"

namespace tessera::auth {

// A new client and the secret token that identifies it (cookie or dev-browser token). The token
// is returned once; only its hash is stored.
struct IssuedClient {
  Client client;
  std::string token;
};

IssuedClient create_client(const AuthContext& ctx);
std::optional<Client> find_client_by_token(const AuthContext& ctx, const std::string& token);
std::string client_token_hash(const std::string& token);

}  // namespace tessera::auth

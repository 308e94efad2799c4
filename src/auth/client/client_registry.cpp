#include "auth/client/client_registry.h"

#include "auth/ids.h"
#include "crypto/encoding.h"
#include "crypto/hash.h"

namespace tessera::auth {

std::string client_token_hash(const std::string& token) {
  return crypto::hex_encode(crypto::sha256(token));
}

IssuedClient issue_client(const AuthContext& ctx) {
  IssuedClient issued;
  issued.token = crypto::base64url_encode(ctx.random.bytes(32));
  auto& c = issued.client;
  c.id = new_id(ctx.random, "client");
  c.token_hash = client_token_hash(issued.token);
  c.created_at = c.updated_at = ctx.now();
  c.is_new = true;
  return issued;
}

IssuedClient create_client(const AuthContext& ctx) {
  auto issued = issue_client(ctx);
  save_client(ctx, issued.client);
  return issued;
}

void save_client(const AuthContext& ctx, Client& client) {
  if (client.is_new) {
    ctx.store.create_client(client);
    client.is_new = false;
  } else {
    ctx.store.update_client(client);
  }
}

namespace {

// Tokens are 43 characters; anything far longer is not worth hashing.
bool plausible_token(const std::string& token) { return !token.empty() && token.size() <= 512; }

}  // namespace

std::optional<Client> find_client_by_token(const AuthContext& ctx, const std::string& token) {
  if (!plausible_token(token)) return std::nullopt;
  return ctx.store.find_client_by_token_hash(client_token_hash(token));
}

std::optional<ClientSession> find_client_session_by_token(const AuthContext& ctx,
                                                          const std::string& token,
                                                          const std::string& session_id) {
  if (!plausible_token(token)) return std::nullopt;
  return ctx.store.find_client_session_by_token_hash(client_token_hash(token), session_id);
}

std::optional<ClientSignIn> find_client_sign_in_by_token(const AuthContext& ctx,
                                                         const std::string& token,
                                                         const std::string& sign_in_id) {
  if (!plausible_token(token)) return std::nullopt;
  return ctx.store.find_client_sign_in_by_token_hash(client_token_hash(token), sign_in_id);
}

std::optional<ClientView> find_client_view_by_token(const AuthContext& ctx,
                                                    const std::string& token) {
  if (!plausible_token(token)) return std::nullopt;
  return ctx.store.find_client_view_by_token_hash(client_token_hash(token));
}

}  // namespace tessera::auth

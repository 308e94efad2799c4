#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "auth/context.h"

namespace tessera::auth {

// How long a client's cookie lives (it is set once, when the client is made): afterwards the
// browser has forgotten the client, and housekeeping may delete it.
inline constexpr std::int64_t kClientLifetimeMs = 365LL * 24 * 3600 * 1000;

// A new client and the secret token that identifies it (cookie or dev-browser token). The token
// is returned once; only its hash is stored.
struct IssuedClient {
  Client client;
  std::string token;
};

// A new client, not stored yet (is_new): the first save_client writes it.
IssuedClient issue_client(const AuthContext& ctx);
// A new client, stored at once.
IssuedClient create_client(const AuthContext& ctx);
// Stores the client's changes: inserts a new one, updates a stored one.
void save_client(const AuthContext& ctx, Client& client);
std::optional<Client> find_client_by_token(const AuthContext& ctx, const std::string& token);
std::optional<ClientSession> find_client_session_by_token(const AuthContext& ctx,
                                                          const std::string& token,
                                                          const std::string& session_id);
// The client with its sign-in of that id and the sign-in's user, in one read.
std::optional<ClientSignIn> find_client_sign_in_by_token(const AuthContext& ctx,
                                                         const std::string& token,
                                                         const std::string& sign_in_id);
// The client with its sessions and their users (what its JSON shows), in one read.
std::optional<ClientView> find_client_view_by_token(const AuthContext& ctx,
                                                    const std::string& token);
std::string client_token_hash(const std::string& token);

}  // namespace tessera::auth

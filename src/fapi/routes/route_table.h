#pragma once
#include <functional>
#include <string>
#include <vector>

#include "http/response.h"

namespace tessera::fapi {

class Call;

// A FAPI endpoint: runs on a worker thread, returns the response (AuthError → Clerk error).
using RouteHandler = std::function<http::Response(Call&)>;

struct RouteSpec {
  std::string method;   // effective method (after Clerk's ?_method= override)
  std::string pattern;  // e.g. /v1/client/sign_ins/:id
  RouteHandler handler;
};

using RouteTable = std::vector<RouteSpec>;

void add_environment_routes(RouteTable& routes);
void add_client_routes(RouteTable& routes);
void add_handshake_routes(RouteTable& routes);
void add_sign_in_routes(RouteTable& routes);
void add_sign_up_routes(RouteTable& routes);
void add_session_routes(RouteTable& routes);
void add_me_routes(RouteTable& routes);
void add_mfa_routes(RouteTable& routes);
void add_well_known_routes(RouteTable& routes);
void add_backend_routes(RouteTable& routes);
void add_dev_routes(RouteTable& routes);

}  // namespace tessera::fapi

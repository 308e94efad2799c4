#include "fapi/call.h"
#include "fapi/routes/route_table.h"
#include "tokens/session_token.h"

namespace tessera::fapi {

void add_well_known_routes(RouteTable& routes) {
  // FAPI publishes the JWKS at /.well-known/jwks.json; @clerk/backend fetches {apiUrl}/v1/jwks.
  auto jwks = [](Call& call) {
    auto response = http::Response::json(200, tokens::jwks_json(call.services.keys));
    response.set_header("Cache-Control", "public, max-age=300");
    return response;
  };
  routes.push_back({"GET", "/.well-known/jwks.json", jwks});
  routes.push_back({"GET", "/v1/jwks", jwks});
  routes.push_back({"GET", "/v1/health", [](Call& call) { return call.bare({{"status", "ok"}}); }});
}

}  // namespace tessera::fapi

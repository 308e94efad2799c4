#include "fapi/call.h"
#include "fapi/json/environment_json.h"
#include "fapi/routes/route_table.h"

namespace tessera::fapi {

void add_environment_routes(RouteTable& routes) {
  // Bare environment object; development SDKs "touch" it with PATCH on load.
  auto environment = [](Call& call) {
    return call.bare(json::environment(call.services.config, call.services.production_instance));
  };
  routes.push_back({"GET", "/v1/environment", environment});
  routes.push_back({"PATCH", "/v1/environment", environment});
}

}  // namespace tessera::fapi

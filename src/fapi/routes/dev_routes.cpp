#include "auth/error.h"
#include "fapi/call.h"
#include "fapi/routes/route_table.h"

namespace tessera::fapi {

void add_dev_routes(RouteTable& routes) {
  // Development only (dev.outbox): the codes the dev outbox "sent", for tests and the demo.
  routes.push_back(
      {"GET", "/__dev/outbox", [](Call& call) {
         if (!call.services.outbox) throw auth::AuthError("route_not_found");
         nlohmann::json messages = nlohmann::json::array();
         for (const auto& m : call.services.outbox->messages(call.request.query_param("to")))
           messages.push_back(
               {{"to", m.to}, {"code", m.code}, {"purpose", auth::to_string(m.purpose)}});
         return call.bare({{"messages", messages}});
       }});
}

}  // namespace tessera::fapi

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
  // Tests only (dev.clock_control): move the server's clock forward to reach expiry and the end
  // of a lockout without sleeping.
  routes.push_back({"POST", "/__dev/clock", [](Call& call) {
                      auto* clock = call.services.clock_control;
                      if (!clock) throw auth::AuthError("route_not_found");
                      const auto text = call.param_or_empty("advance_ms");
                      long long ms = 0;
                      try {
                        ms = text.empty() ? 0 : std::stoll(text);
                      } catch (const std::exception&) {
                        throw auth::AuthError("form_param_format_invalid", "advance_ms");
                      }
                      if (ms < 0) throw auth::AuthError("form_param_format_invalid", "advance_ms");
                      clock->advance(ms);
                      return call.bare({{"now", call.auth().now()}});
                    }});
}

}  // namespace tessera::fapi

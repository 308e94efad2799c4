#include "auth/error.h"
#include "fapi/call.h"
#include "fapi/routes/route_table.h"

namespace tessera::fapi {

void add_dev_routes(RouteTable& routes) {
  // Development only (dev.outbox): the codes and new sign-in notices the dev outbox "sent", for
  // tests and the demo.
  routes.push_back({"GET", "/__dev/outbox", [](Call& call) {
                      const auto* outbox = call.services.outbox;
                      if (!outbox) throw auth::AuthError("route_not_found");
                      const auto to = call.request.query_param("to");
                      nlohmann::json messages = nlohmann::json::array();
                      for (const auto& m : outbox->messages(to))
                        messages.push_back({{"to", m.to},
                                            {"code", m.code},
                                            {"purpose", auth::to_string(m.purpose)}});
                      nlohmann::json notices = nlohmann::json::array();
                      for (const auto& n : outbox->notices(to))
                        notices.push_back({{"to", n.to},
                                           {"kind", auth::to_string(n.kind)},
                                           {"at", n.at},
                                           {"user_agent", n.device.user_agent},
                                           {"ip_address", n.device.ip_address}});
                      return call.bare({{"messages", messages}, {"notices", notices}});
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

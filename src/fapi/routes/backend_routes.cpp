#include "auth/error.h"
#include "fapi/backend_key.h"
#include "fapi/call.h"
#include "fapi/json/resources.h"
#include "fapi/routes/route_table.h"

namespace tessera::fapi {

// The part of Clerk's Backend API that apps' servers reach through @clerk/backend with
// CLERK_API_URL pointing here: a user by id (clerkClient.users.getUser(), Next.js's
// currentUser()). Server to server, with the secret key; no cookies, no client.
void add_backend_routes(RouteTable& routes) {
  routes.push_back({"GET", "/v1/users/:id", [](Call& call) {
                      require_secret_key(call.request, call.services.config.security.secret_key);
                      const auto record = call.auth().store.find_user_record(call.path_param("id"));
                      if (!record)
                        throw auth::AuthError("resource_not_found", "", {{"resource", "user"}});
                      auto user = json::user(*record);
                      user["private_metadata"] = nlohmann::json::object();  // the Backend API's
                      return call.bare(std::move(user));
                    }});
}

}  // namespace tessera::fapi

#pragma once
#include "fapi/rate_limiter.h"
#include "fapi/rate_policy.h"
#include "fapi/routes/route_table.h"
#include "fapi/services.h"
#include "fapi/work_policy.h"
#include "http/handler.h"
#include "http/router.h"

namespace tessera::fapi {

// The HTTP face of Tessera: Clerk's Frontend API plus the static demo pages. Translates the
// transport conventions clerk-js uses (the /__clerk proxy prefix, ?_method= overrides,
// credentialed CORS) and runs every endpoint on the worker pool, never on an I/O thread.
class FapiApp {
 public:
  explicit FapiApp(const Services& services);
  void handle(http::Request& request, http::Respond respond);
  http::Handler handler() {
    return [this](http::Request& request, http::Respond respond) { handle(request, respond); };
  }

 private:
  // Runs `work` on the pool of its class; a full queue is answered at once with 429.
  void run_on(WorkClass work_class, http::Request& request, http::Respond respond,
              std::function<http::Response()> work);
  http::Response run_route(const RouteHandler& handler, RateClass rate, http::Request& request);
  http::Response serve_file(const http::Request& request, const std::string& raw_method);
  void add_cors(const http::Request& request, http::Response& response) const;
  // 429 + Retry-After when this client IP spent its budget for the route's class.
  std::optional<http::Response> over_limit(const http::Request& request, RateClass rate);

  const Services& services_;
  http::Router router_;
  RateLimiter limiter_;
};

}  // namespace tessera::fapi

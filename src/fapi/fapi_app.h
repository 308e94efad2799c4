#pragma once
#include "fapi/rate_limiter.h"
#include "fapi/rate_policy.h"
#include "fapi/services.h"
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
  void run_on_worker(http::Request& request, http::Respond respond);
  http::Response dispatch(http::Request& request);
  void add_cors(const http::Request& request, http::Response& response) const;
  bool origin_allowed(const std::string& origin) const;
  // 429 + Retry-After when this client IP spent its budget for the route's class.
  std::optional<http::Response> over_limit(const http::Request& request, RateClass rate);

  const Services& services_;
  http::Router router_;
  RateLimiter limiter_;
};

}  // namespace tessera::fapi

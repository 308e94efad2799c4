#include "fapi/fapi_app.h"

#include <algorithm>
#include <iostream>
#include <optional>

#include "auth/error.h"
#include "fapi/call.h"
#include "fapi/client_ip.h"
#include "fapi/cors.h"
#include "fapi/error_catalog.h"
#include "fapi/error_response.h"
#include "fapi/npm_assets.h"
#include "fapi/presenter.h"
#include "http/form.h"
#include "http/request_form.h"
#include "http/static_files.h"

namespace tessera::fapi {
namespace {

constexpr std::string_view kProxyPrefix = "/__clerk";

bool is_api_path(std::string_view path) {
  return path.rfind("/v1/", 0) == 0 || path == "/v1" || path.rfind("/.well-known/", 0) == 0 ||
         path.rfind("/__dev/", 0) == 0 || path.rfind("/__tessera/", 0) == 0;
}

// "/__clerk/v1/client" → "/v1/client": the SDK's relative proxyUrl is served by us directly.
std::string without_proxy_prefix(std::string_view path) {
  if (path == kProxyPrefix) return "/";
  if (path.size() > kProxyPrefix.size() && path.substr(0, kProxyPrefix.size()) == kProxyPrefix &&
      path[kProxyPrefix.size()] == '/')
    return std::string(path.substr(kProxyPrefix.size()));
  return std::string(path);
}

// clerk-js sends PATCH/PUT/DELETE as POST with ?_method= to stay a CORS "simple" request.
std::string effective_method(const http::Request& request) {
  if (request.method != "POST") return request.method;
  auto override = request.query_param("_method");
  if (!override) return request.method;
  std::string m = *override;
  std::transform(m.begin(), m.end(), m.begin(), [](unsigned char c) { return std::toupper(c); });
  return m;
}

// Clerk answers a failed step with the client as the failure left it (meta.client), which
// clerk-js applies before it throws: the SDK then sees the sign-in a wrong password created, or
// a verification that failed. Not for reads, unauthenticated requests, overload or faults.
nlohmann::json client_after_failure(Call& call, const auth::AuthError& error) {
  const int status = describe_error(error.code).status;
  if (call.request.method == "GET" || status == 401 || status == 429 || status >= 500)
    return nullptr;
  try {
    return current_client_json(call);
  } catch (const std::exception&) {
    return nullptr;  // the original error is what the caller must see
  }
}

}  // namespace

FapiApp::FapiApp(const Services& services) : services_(services) {
  RouteTable routes;
  add_environment_routes(routes);
  add_client_routes(routes);
  add_handshake_routes(routes);
  add_sign_in_routes(routes);
  add_sign_up_routes(routes);
  add_session_routes(routes);
  add_me_routes(routes);
  add_mfa_routes(routes);
  add_well_known_routes(routes);
  add_backend_routes(routes);
  add_dev_routes(routes);
  for (auto& route : routes) {
    const auto rate = rate_class_of(route.method, route.pattern);
    router_.add(
        route.method, route.pattern,
        [this, method = route.method, pattern = route.pattern, rate,
         handler = std::move(route.handler)](http::Request& request, http::Respond respond) {
          std::optional<http::FormData> form;
          if (work_class_depends_on_form(pattern))  // a small form: cheap to read here
            form = http::parse_request_form(request);
          const auto work = work_class_of(method, pattern, form ? &*form : nullptr);
          run_on(work, request, std::move(respond),
                 [this, &handler, rate, &request] { return run_route(handler, rate, request); });
        });
  }
}

// Routing happens on the I/O thread (string matching only); the endpoint runs on a worker.
void FapiApp::handle(http::Request& request, http::Respond respond) {
  request.path = without_proxy_prefix(request.path);
  if (request.method == "OPTIONS") {
    http::Response preflight;
    preflight.status = 204;
    add_cors(request, preflight);
    preflight.set_header("Access-Control-Allow-Methods", "GET, POST, PUT, PATCH, DELETE, OPTIONS");
    preflight.set_header("Access-Control-Allow-Headers", "Content-Type, Authorization");
    preflight.set_header("Access-Control-Max-Age", "600");
    respond(std::move(preflight));
    return;
  }
  const auto raw_method = request.method;
  request.method = effective_method(request);
  if (is_api_path(request.path)) {
    if (router_.dispatch(request, respond)) return;
    auto missing = error_response(auth::AuthError(
        router_.path_known(request.path) ? "method_not_allowed" : "route_not_found"));
    add_cors(request, missing);
    respond(std::move(missing));
    return;
  }
  run_on(WorkClass::fast, request, std::move(respond),
         [this, &request, raw_method] { return serve_file(request, raw_method); });
}

void FapiApp::run_on(WorkClass work_class, http::Request& request, http::Respond respond,
                     std::function<http::Response()> work) {
  auto& pool = work_class == WorkClass::hashing ? services_.hashing : services_.workers;
  auto task = [this, &pool, &request, respond, work = std::move(work)]() mutable {
    auto response = work();
    add_cors(request, response);
    pool.release_place();  // the client's next request may arrive before this thread is back
    respond(std::move(response));
  };
  if (!pool.try_post(std::move(task))) {
    auto busy = error_response(auth::AuthError("too_many_requests"));
    busy.set_header("Retry-After", "1");
    add_cors(request, busy);
    respond(std::move(busy));
  }
}

http::Response FapiApp::run_route(const RouteHandler& handler, RateClass rate,
                                  http::Request& request) {
  if (auto refused = over_limit(request, rate)) return *refused;
  Call call(services_, request);
  http::Response response;
  try {
    response = handler(call);
  } catch (const auth::AuthError& e) {
    response = error_response(e, client_after_failure(call, e));
  } catch (const std::exception& e) {
    std::cerr << "tessera: " << request.method << " " << request.path << " failed: " << e.what()
              << "\n";
    response = error_response(auth::AuthError("internal_clerk_error"));
  }
  for (const auto& cookie : call.cookies()) response.add_header("Set-Cookie", cookie);
  return response;
}

http::Response FapiApp::serve_file(const http::Request& request, const std::string& raw_method) {
  if (raw_method == "GET" || raw_method == "HEAD") {
    if (auto npm_path = npm_asset_path(request.path)) {
      // Loaded by <script crossorigin> from the app's pages, on any origin: public files.
      auto file = http::serve_static(services_.config.server.web_root, *npm_path);
      if (file) file->set_header("Access-Control-Allow-Origin", "*");
      return file ? *file : error_response(auth::AuthError("route_not_found"));
    }
    if (auto file = http::serve_static(services_.config.server.web_root, request.path))
      return *file;
  }
  return error_response(auth::AuthError("route_not_found"));
}

std::optional<http::Response> FapiApp::over_limit(const http::Request& request, RateClass rate) {
  const auto& limits = services_.config.limits;
  if (rate == RateClass::none || !limits.rate_limits) return std::nullopt;
  const bool create = rate == RateClass::create;
  std::string key = create ? "create:" : "attempt:";
  key += client_ip(request, services_.config.server.trusted_proxies);
  const auto wait = limiter_.hit(key, create ? limits.create_per_10s : limits.attempts_per_10s,
                                 10'000, services_.auth.now());
  if (!wait) return std::nullopt;
  return error_response(
      auth::AuthError("too_many_requests", "", {{"retry_after_seconds", std::to_string(*wait)}}));
}

void FapiApp::add_cors(const http::Request& request, http::Response& response) const {
  add_cors_headers(services_.config.server.allowed_origins, request, response);
}

}  // namespace tessera::fapi

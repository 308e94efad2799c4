// Request targets as the server receives them: http::set_target / http::make_request (path and
// query decoding, absolute-form reduction) and the FAPI-like routes of an http::Router.
#include <algorithm>
#include <iterator>
#include <string>

#include "fuzz_check.h"
#include "http/request.h"
#include "http/router.h"

using namespace tessera;

namespace {

const char* const kMethods[] = {"GET", "POST", "DELETE", "PATCH", "OPTIONS", "get"};

const http::Router& router() {
  static const http::Router instance = [] {
    http::Router r;
    const auto ok = [](http::Request&, http::Respond respond) { respond(http::Response{}); };
    r.add("GET", "/v1/environment", ok);
    r.add("GET", "/v1/client", ok);
    r.add("POST", "/v1/client", ok);
    r.add("DELETE", "/v1/client", ok);
    r.add("POST", "/v1/client/sign_ins", ok);
    r.add("GET", "/v1/client/sign_ins/:id", ok);
    r.add("POST", "/v1/client/sign_ins/:id/attempt_first_factor", ok);
    r.add("POST", "/v1/client/sign_ins/:id/prepare_second_factor", ok);
    r.add("POST", "/v1/client/sessions/:sid/tokens", ok);
    r.add("POST", "/v1/client/sessions/:sid/tokens/:template", ok);
    r.add("POST", "/v1/client/sessions/:sid/touch", ok);
    r.add("GET", "/v1/me", ok);
    r.add("PATCH", "/v1/me", ok);
    r.add("GET", "/:anything", ok);
    r.add("GET", "/", ok);
    return r;
  }();
  return instance;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string method = kMethods[data[0] % std::size(kMethods)];
  const std::string target(fuzz::as_text(data + 1, size - 1));

  http::Request request = http::make_request(method, target, "", {{"X-Test", "1"}});
  FUZZ_CHECK(request.target == target);
  FUZZ_CHECK(!request.path.empty() && request.path.front() == '/');
  FUZZ_CHECK(request.header("x-test") == "1");
  FUZZ_CHECK(request.path.size() <= target.size() + 1);
  for (const auto& [key, value] : request.query) {
    FUZZ_CHECK(request.query_param(key).has_value());
    FUZZ_CHECK(key.size() + value.size() <= target.size());
  }
  // set_target on a used request replaces everything it derived before.
  http::Request again = request;
  http::set_target(again, "/v1/client?_clerk_js_version=5.0.0");
  FUZZ_CHECK(again.path == "/v1/client");
  FUZZ_CHECK(again.query.size() == 1);
  http::set_target(again, target);
  FUZZ_CHECK(again.path == request.path);
  FUZZ_CHECK(again.query == request.query);

  // Routing: a match calls the handler exactly once and binds non-empty captures; the path is
  // then known and lists the method.
  int calls = 0;
  const bool routed = router().dispatch(request, [&](http::Response) { ++calls; });
  const auto allowed = router().allowed_methods(request.path);
  FUZZ_CHECK(router().path_known(request.path) == !allowed.empty());
  if (routed) {
    FUZZ_CHECK(calls == 1);
    for (const auto& [name, value] : request.path_params) {
      FUZZ_CHECK(!name.empty());
      FUZZ_CHECK(!value.empty());
      FUZZ_CHECK(value.find('/') == std::string::npos);
    }
    FUZZ_CHECK(std::find(allowed.begin(), allowed.end(), method) != allowed.end());
  } else {
    FUZZ_CHECK(calls == 0);
    FUZZ_CHECK(std::find(allowed.begin(), allowed.end(), method) == allowed.end());
  }

  // Registering the target as a pattern: accepted or std::invalid_argument, nothing else.
  http::Router scratch;
  try {
    scratch.add(method, request.path, [](http::Request&, http::Respond) {});
    http::Request same = http::make_request(method, request.path);
    // The path without '%' decodes to itself, so a literal pattern routes its own path.
    if (request.path.find('%') == std::string::npos &&
        request.path.find('?') == std::string::npos &&
        request.path.find('#') == std::string::npos &&
        request.path.find("://") == std::string::npos) {
      FUZZ_CHECK(scratch.path_known(same.path));
    }
  } catch (const std::invalid_argument&) {
  }
  return 0;
}

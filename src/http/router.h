#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "http/handler.h"

namespace tessera::http {

// Maps (method, path) to a handler. Patterns are literal segments and ":name" captures of one
// non-empty segment: "/v1/client/sign_ins/:id/attempt_first_factor". A literal segment beats a
// capture at the same position, whatever the registration order. One trailing slash on the
// request path is ignored. Methods match exactly; the caller picks the effective method.
class Router {
 public:
  // Throws std::invalid_argument on a malformed pattern or a duplicate (method, pattern).
  void add(std::string method, std::string pattern, Handler handler);

  // Fills request.path_params and calls the handler; false (respond untouched) if no route.
  bool dispatch(Request& request, Respond respond) const;

  // Some route matches the path with any method: after a failed dispatch, answer 405.
  bool path_known(std::string_view path) const;

  // Methods that have a route for the path, in registration order (for the Allow header).
  std::vector<std::string> allowed_methods(std::string_view path) const;

 private:
  struct Route {
    std::string method;
    std::vector<std::string> segments;  // ":x" captures
    Handler handler;
  };
  const Route* find(std::string_view method, std::string_view path) const;

  std::vector<Route> routes_;
};

}  // namespace tessera::http

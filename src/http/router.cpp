#include "http/router.h"

#include <algorithm>
#include <stdexcept>

namespace tessera::http {

namespace {

bool is_capture(std::string_view segment) { return !segment.empty() && segment.front() == ':'; }

// "/a/b/" → {"a", "b"}: one trailing slash is ignored, "/" has no segments.
std::vector<std::string_view> split_path(std::string_view path) {
  if (!path.empty() && path.front() == '/') path.remove_prefix(1);
  if (!path.empty() && path.back() == '/') path.remove_suffix(1);
  std::vector<std::string_view> segments;
  if (path.empty()) return segments;
  while (true) {
    auto slash = path.find('/');
    segments.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return segments;
}

bool matches(const std::vector<std::string>& pattern, const std::vector<std::string_view>& path) {
  if (pattern.size() != path.size()) return false;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (is_capture(pattern[i]) ? path[i].empty() : pattern[i] != path[i]) return false;
  }
  return true;
}

// True when a is more specific than b: at the first position where one has a literal and the
// other a capture, a has the literal.
bool more_specific(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  for (std::size_t i = 0; i < a.size() && i < b.size(); ++i) {
    if (is_capture(a[i]) != is_capture(b[i])) return !is_capture(a[i]);
  }
  return false;
}

bool same_shape(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (is_capture(a[i]) != is_capture(b[i])) return false;
    if (!is_capture(a[i]) && a[i] != b[i]) return false;
  }
  return true;
}

}  // namespace

void Router::add(std::string method, std::string pattern, Handler handler) {
  if (method.empty() || pattern.empty() || pattern.front() != '/') {
    throw std::invalid_argument("route pattern must start with '/': " + pattern);
  }
  std::vector<std::string> segments;
  for (std::string_view segment : split_path(pattern)) {
    if (segment.empty() || segment == ":") {
      throw std::invalid_argument("empty segment or capture name in route: " + pattern);
    }
    segments.emplace_back(segment);
  }
  for (const Route& route : routes_) {
    if (route.method == method && same_shape(route.segments, segments)) {
      throw std::invalid_argument("duplicate route: " + method + " " + pattern);
    }
  }
  routes_.push_back(Route{std::move(method), std::move(segments), std::move(handler)});
}

const Router::Route* Router::find(std::string_view method, std::string_view path) const {
  auto segments = split_path(path);
  const Route* best = nullptr;
  for (const Route& route : routes_) {
    if (route.method != method || !matches(route.segments, segments)) continue;
    if (!best || more_specific(route.segments, best->segments)) best = &route;
  }
  return best;
}

bool Router::dispatch(Request& request, Respond respond) const {
  const Route* route = find(request.method, request.path);
  if (!route) return false;
  auto segments = split_path(request.path);
  request.path_params.clear();
  for (std::size_t i = 0; i < segments.size(); ++i) {
    if (is_capture(route->segments[i])) {
      request.path_params[route->segments[i].substr(1)] = std::string(segments[i]);
    }
  }
  route->handler(request, std::move(respond));
  return true;
}

bool Router::path_known(std::string_view path) const { return !allowed_methods(path).empty(); }

std::vector<std::string> Router::allowed_methods(std::string_view path) const {
  auto segments = split_path(path);
  std::vector<std::string> methods;
  for (const Route& route : routes_) {
    if (!matches(route.segments, segments)) continue;
    if (std::find(methods.begin(), methods.end(), route.method) == methods.end()) {
      methods.push_back(route.method);
    }
  }
  return methods;
}

}  // namespace tessera::http

#include "http/request.h"

#include "http/detail/ascii.h"
#include "http/form.h"

namespace tessera::http {

std::optional<std::string> Request::query_param(std::string_view name) const {
  for (const auto& [key, value] : query) {
    if (key == name) return value;
  }
  return std::nullopt;
}

std::optional<std::string> Request::header(std::string_view lower_name) const {
  for (const auto& [key, value] : headers) {
    if (detail::iequals(key, lower_name)) return value;
  }
  return std::nullopt;
}

namespace {

// "http://host:8080/p?q" → "/p?q"; origin-form targets are returned unchanged.
std::string_view strip_absolute_form(std::string_view target) {
  auto scheme_end = target.find("://");
  if (target.empty() || target.front() == '/' || scheme_end == std::string_view::npos) {
    return target;
  }
  auto path_start = target.find_first_of("/?", scheme_end + 3);
  if (path_start == std::string_view::npos) return "/";
  return target.substr(path_start);
}

}  // namespace

void set_target(Request& request, std::string target) {
  request.target = std::move(target);
  std::string_view origin_form = strip_absolute_form(request.target);
  auto question = origin_form.find('?');
  request.path = percent_decode(origin_form.substr(0, question));
  if (request.path.empty() || request.path.front() != '/') request.path.insert(0, "/");

  request.query.clear();
  if (question == std::string_view::npos) return;
  std::string_view rest = origin_form.substr(question + 1);
  if (auto hash = rest.find('#'); hash != std::string_view::npos) rest = rest.substr(0, hash);
  while (!rest.empty()) {
    auto amp = rest.find('&');
    std::string_view pair = rest.substr(0, amp);
    rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
    if (pair.empty()) continue;
    auto eq = pair.find('=');
    std::string_view key = pair.substr(0, eq);
    std::string_view value =
        eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1);
    request.query.emplace_back(percent_decode(key, true), percent_decode(value, true));
  }
}

Request make_request(std::string method, std::string target, std::string body,
                     std::vector<std::pair<std::string, std::string>> headers) {
  Request request;
  request.method = std::move(method);
  set_target(request, std::move(target));
  for (auto& [name, value] : headers) {
    request.headers.emplace_back(detail::ascii_lowered(name), std::move(value));
  }
  request.body = std::move(body);
  request.remote_address = "127.0.0.1";
  return request;
}

}  // namespace tessera::http

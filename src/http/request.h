#pragma once
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tessera::http {

struct Request {
  std::string method;                                        // as sent: GET, POST, OPTIONS, …
  std::string target;                                        // raw request target incl. query
  std::string path;                                          // percent-decoded, without query
  std::vector<std::pair<std::string, std::string>> query;    // decoded, in order
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased
  std::string body;
  std::string remote_address;                      // peer IP as text
  std::map<std::string, std::string> path_params;  // filled by the Router

  // First match, or nullopt.
  std::optional<std::string> query_param(std::string_view name) const;
  // First match; the name is compared case-insensitively, so "Content-Type" works too.
  std::optional<std::string> header(std::string_view lower_name) const;
};

// Fills target, path and query from a raw request target ("/a%20b?x=1&y=+"). Lenient: malformed
// escapes stay as they are, '+' in the query means space. An absolute-form target
// ("http://host/p?q") is reduced to its path and query.
void set_target(Request& request, std::string target);

// A request as the server would build it; handy for tests of handlers.
Request make_request(std::string method, std::string target, std::string body = {},
                     std::vector<std::pair<std::string, std::string>> headers = {});

}  // namespace tessera::http

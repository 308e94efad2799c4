#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tessera::http {

struct Response {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers = {};
  std::string body = {};

  // Replaces every header of that name (case-insensitive) with one.
  void set_header(std::string name, std::string value);
  // Appends, keeping earlier ones (e.g. several Set-Cookie).
  void add_header(std::string name, std::string value);
  // First header of that name (case-insensitive), or nullopt.
  std::optional<std::string> header(std::string_view name) const;

  // status + body + Content-Type: application/json.
  static Response json(int status, std::string body);
};

}  // namespace tessera::http

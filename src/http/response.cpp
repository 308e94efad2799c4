#include "http/response.h"

#include <algorithm>

#include "http/detail/ascii.h"

namespace tessera::http {

void Response::set_header(std::string name, std::string value) {
  std::erase_if(headers, [&](const auto& header) { return detail::iequals(header.first, name); });
  headers.emplace_back(std::move(name), std::move(value));
}

void Response::add_header(std::string name, std::string value) {
  headers.emplace_back(std::move(name), std::move(value));
}

std::optional<std::string> Response::header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (detail::iequals(key, name)) return value;
  }
  return std::nullopt;
}

Response Response::json(int status, std::string body) {
  Response response;
  response.status = status;
  response.headers.emplace_back("Content-Type", "application/json");
  response.body = std::move(body);
  return response;
}

}  // namespace tessera::http

#include "http/request_form.h"

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>
#include <string>

namespace tessera::http {
namespace {

bool is_json(const Request& request) {
  auto type = request.header("content-type").value_or("");
  type = type.substr(0, type.find(';'));
  std::transform(type.begin(), type.end(), type.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  type.erase(type.find_last_not_of(" \t") + 1);
  return type == "application/json";
}

std::optional<FormData> parse_json_object(std::string_view body) {
  const auto json = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (!json.is_object()) return std::nullopt;  // also what a parse error gives (discarded)
  FormData form;
  for (const auto& [key, value] : json.items()) {
    if (value.is_null()) continue;
    form.emplace_back(key, value.is_string() ? value.get<std::string>() : value.dump());
  }
  return form;
}

}  // namespace

std::optional<FormData> parse_request_form(const Request& request) {
  if (request.body.empty()) return FormData{};
  return is_json(request) ? parse_json_object(request.body) : parse_urlencoded(request.body);
}

}  // namespace tessera::http

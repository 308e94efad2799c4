#include "fapi/error_response.h"

#include <nlohmann/json.hpp>

#include "fapi/error_catalog.h"
#include "http/json_text.h"

namespace tessera::fapi {

http::Response error_response(const auth::AuthError& error, nlohmann::json client) {
  const auto description = describe_error(error);
  nlohmann::json meta = nlohmann::json::object();
  if (!error.param_name.empty()) meta["param_name"] = error.param_name;
  // Counts (lockout_expires_in_seconds, retry_after_seconds, …) are numbers on the wire.
  for (const auto& [key, value] : error.meta) {
    const bool number = !value.empty() && value.size() < 18 &&
                        value.find_first_not_of("0123456789") == std::string::npos;
    if (number)
      meta[key] = std::stoll(value);
    else
      meta[key] = value;
  }
  nlohmann::json item = {{"code", error.code},
                         {"message", description.message},
                         {"long_message", description.long_message},
                         {"meta", meta}};
  nlohmann::json top_meta = nlohmann::json::object();
  if (!client.is_null()) top_meta["client"] = std::move(client);
  auto response = http::Response::json(
      description.status, http::json_text(nlohmann::json{{"errors", {item}}, {"meta", top_meta}}));
  if (description.status == 429) {
    auto it = error.meta.find("retry_after_seconds");
    response.set_header("Retry-After", it != error.meta.end() ? it->second : "1");
  }
  return response;
}

}  // namespace tessera::fapi

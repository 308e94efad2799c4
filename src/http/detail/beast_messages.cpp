#include "http/detail/beast_messages.h"

#include <nlohmann/json.hpp>

#include "http/detail/ascii.h"
#include "http/detail/http_date.h"
#include "http/json_text.h"

namespace tessera::http::detail {

namespace beast_http = boost::beast::http;

Request to_request(BeastRequest&& message, std::string remote_address) {
  Request request;
  request.method = std::string(message.method_string());
  set_target(request, std::string(message.target()));
  for (const auto& field : message) {
    request.headers.emplace_back(ascii_lowered(field.name_string()), std::string(field.value()));
  }
  request.body = std::move(message.body());
  request.remote_address = std::move(remote_address);
  return request;
}

namespace {

bool has_line_break(std::string_view text) {
  return text.find_first_of("\r\n") != std::string_view::npos ||
         text.find('\0') != std::string_view::npos;
}

bool contains_close_token(std::string_view connection) {
  return ascii_lowered(connection).find("close") != std::string::npos;
}

}  // namespace

BeastResponse to_beast_response(Response&& response, unsigned version, bool keep_alive,
                                bool head_request) {
  BeastResponse out;
  out.version(version);
  int status = (response.status >= 100 && response.status <= 999) ? response.status : 500;
  out.result(static_cast<unsigned>(status));

  bool close_requested = false;
  bool has_date = false;
  for (auto& [name, value] : response.headers) {
    if (!is_token(name) || has_line_break(value)) continue;  // would corrupt the framing
    if (iequals(name, "content-length") || iequals(name, "transfer-encoding")) continue;
    if (iequals(name, "connection")) {
      close_requested = close_requested || contains_close_token(value);
      continue;
    }
    has_date = has_date || iequals(name, "date");
    out.insert(name, value);
  }
  out.set(beast_http::field::server, "tessera");
  if (!has_date) out.set(beast_http::field::date, http_date_now());

  // 1xx, 204 and 304 carry neither a body nor Content-Length (RFC 9110 §8.6).
  bool bodiless = status < 200 || status == 204 || status == 304;
  if (!bodiless) {
    out.content_length(response.body.size());
    if (!head_request) out.body() = std::move(response.body);
  }
  out.keep_alive(keep_alive && !close_requested);
  return out;
}

Response error_response(int status, std::string_view code, std::string_view message) {
  // The shape of Clerk's errors, so SDKs can read transport failures like any other.
  nlohmann::json error = {{"code", code},
                          {"message", message},
                          {"long_message", message},
                          {"meta", nlohmann::json::object()}};
  nlohmann::json body = {{"errors", nlohmann::json::array({error})},
                         {"meta", nlohmann::json::object()}};
  return Response::json(status, json_text(body));
}

}  // namespace tessera::http::detail

#pragma once
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <string>
#include <string_view>

#include "http/request.h"
#include "http/response.h"

// Conversions between Beast messages and the layer's own Request/Response, so that nothing above
// http/ sees Boost.
namespace tessera::http::detail {

using BeastRequest = boost::beast::http::request<boost::beast::http::string_body>;
using BeastResponse = boost::beast::http::response<boost::beast::http::string_body>;

Request to_request(BeastRequest&& message, std::string remote_address);

// Adds Content-Length, Date (unless set) and Server; drops hop-by-hop framing headers the handler
// must not control and headers that could split the response. The connection stays open only if
// keep_alive and the handler did not ask for "Connection: close"; read it back from keep_alive().
BeastResponse to_beast_response(Response&& response, unsigned version, bool keep_alive,
                                bool head_request);

// The FAPI error shape: {"errors":[{"code", "message", "long_message"}]}.
Response error_response(int status, std::string_view code, std::string_view message);

}  // namespace tessera::http::detail

#pragma once
// A minimal HTTP/1.1 client for the server tests: one TCP connection, every operation bounded by
// a timeout so that a broken server fails the test instead of hanging it.
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <string>
#include <string_view>

namespace tessera::http::testing {

namespace beast_http = boost::beast::http;
using ClientResponse = beast_http::response<beast_http::string_body>;

class TestClient {
 public:
  explicit TestClient(unsigned short port) : stream_(io_) {
    stream_.expires_after(kTimeout);
    stream_.async_connect(
        boost::asio::ip::tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), port),
        [this](boost::beast::error_code error) { error_ = error; });
    run_or_throw();
  }

  ClientResponse request(beast_http::verb method, std::string target, std::string body = {},
                         unsigned version = 11) {
    beast_http::request<beast_http::string_body> message{method, target, version};
    message.set(beast_http::field::host, "127.0.0.1");
    if (!body.empty() || method == beast_http::verb::post) {
      message.set(beast_http::field::content_type, "application/x-www-form-urlencoded");
      message.body() = std::move(body);
      message.prepare_payload();
    }
    return send(message);
  }

  ClientResponse send(beast_http::request<beast_http::string_body>& message) {
    stream_.expires_after(kTimeout);
    beast_http::async_write(
        stream_, message, [this](boost::beast::error_code error, std::size_t) { error_ = error; });
    run_or_throw();
    return read();
  }

  void write_raw(std::string_view bytes) {
    stream_.expires_after(kTimeout);
    boost::asio::async_write(
        stream_, boost::asio::buffer(bytes.data(), bytes.size()),
        [this](boost::beast::error_code error, std::size_t) { error_ = error; });
    run_or_throw();
  }

  ClientResponse read() {
    ClientResponse response;
    stream_.expires_after(kTimeout);
    beast_http::async_read(stream_, buffer_, response,
                           [this](boost::beast::error_code error, std::size_t) { error_ = error; });
    run_or_throw();
    return response;
  }

  // A response to HEAD: headers only, whatever Content-Length says.
  ClientResponse read_head_response() {
    beast_http::response_parser<beast_http::string_body> parser;
    parser.skip(true);
    stream_.expires_after(kTimeout);
    beast_http::async_read(stream_, buffer_, parser,
                           [this](boost::beast::error_code error, std::size_t) { error_ = error; });
    run_or_throw();
    return parser.release();
  }

  // True when the server closed the connection (EOF or reset) within the timeout.
  bool closed_by_server() {
    char byte;
    stream_.expires_after(kTimeout);
    stream_.async_read_some(boost::asio::buffer(&byte, 1), [this](boost::beast::error_code error,
                                                                  std::size_t) { error_ = error; });
    run();
    return error_ == boost::asio::error::eof || error_ == boost::asio::error::connection_reset;
  }

 private:
  static constexpr std::chrono::seconds kTimeout{10};

  void run() {
    io_.restart();
    io_.run();
  }
  void run_or_throw() {
    run();
    if (error_) throw boost::system::system_error(error_);
  }

  boost::asio::io_context io_;
  boost::beast::tcp_stream stream_;
  boost::beast::flat_buffer buffer_;
  boost::beast::error_code error_;
};

}  // namespace tessera::http::testing

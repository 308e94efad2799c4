#pragma once
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/parser.hpp>
#include <memory>
#include <optional>
#include <string>

#include "http/detail/beast_messages.h"
#include "http/handler.h"
#include "http/server.h"

namespace tessera::http::detail {

// What every connection of one server shares; immutable once the server runs.
struct ConnectionContext {
  ServerOptions options;
  Handler handler;
  // Weak: connections sit in the io_context's queues, so owning it here would be a cycle. A
  // pending response locks it, which keeps the io_context valid while a worker still holds the
  // Respond after the server has gone.
  std::weak_ptr<boost::asio::io_context> io;
};

// One accepted socket: reads requests one after another (keep-alive), hands each to the handler,
// writes its response when the handler responds. Everything but start(), shutdown() and
// executor() runs on the connection's strand.
class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(boost::asio::ip::tcp::socket&& socket,
             std::shared_ptr<const ConnectionContext> context);

  void start();
  // Graceful: an idle connection closes now, a busy one after its current response.
  void shutdown();
  // Closes the socket at once, for connections still open after a forced stop. Only call it
  // when no I/O thread runs any more.
  void abandon() { close(); }
  // The strand, for posting send().
  const boost::asio::any_io_executor& executor() const { return executor_; }
  // Writes the handler's response. Strand only.
  void send(Response response);

 private:
  enum class State { reading, handling, writing, closing };

  void read_request();
  void on_header(boost::beast::error_code error, std::size_t);
  void read_body();
  void on_body(boost::beast::error_code error, std::size_t);
  void on_read_error(boost::beast::error_code error);
  void handle_request();
  void send_error(int status, std::string_view code, std::string_view message);
  void write(BeastResponse&& message, bool linger);
  void on_write(bool keep_alive, bool linger, boost::beast::error_code error);
  void linger();
  void drain();
  void close();
  bool idle() const;

  const boost::asio::any_io_executor executor_;
  boost::beast::tcp_stream stream_;
  boost::beast::flat_buffer buffer_;
  std::optional<boost::beast::http::request_parser<boost::beast::http::string_body>> parser_;
  BeastResponse response_;
  std::shared_ptr<const ConnectionContext> context_;
  std::string remote_address_;
  State state_ = State::reading;
  bool stopping_ = false;
  bool keep_alive_ = false;
  bool head_request_ = false;
  unsigned version_ = 11;
  std::size_t drained_bytes_ = 0;
};

}  // namespace tessera::http::detail

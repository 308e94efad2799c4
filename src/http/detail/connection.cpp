#include "http/detail/connection.h"

#include <atomic>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/bind_handler.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <cstdio>

#include "http/detail/ascii.h"

namespace tessera::http::detail {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace beast_http = boost::beast::http;
using tcp = asio::ip::tcp;

namespace {

// Large enough for a browser's Cookie header on a busy localhost; still bounded.
constexpr std::uint32_t kHeaderLimit = 32 * 1024;
// After an error response the client may still be sending; read and discard for a while so that
// closing does not reset the connection before it has read our answer.
constexpr auto kLingerTime = std::chrono::seconds(2);
constexpr std::size_t kLingerBytes = 1024 * 1024;
constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";

// One request between the handler and the connection. Owns the Request (so the handler may use
// it until it responds, from any thread) and a work guard that keeps the io_context running
// while the answer is pending, which is what lets a graceful stop wait for it.
class PendingResponse {
 public:
  PendingResponse(std::shared_ptr<asio::io_context> io, std::shared_ptr<Connection> connection,
                  Request request)
      : io_(std::move(io)),
        work_(asio::make_work_guard(*io_)),
        connection_(std::move(connection)),
        request_(std::move(request)) {}

  Request& request() { return request_; }

  // First call wins; later ones are ignored.
  bool complete(Response response) {
    if (done_.exchange(true)) return false;
    auto connection = std::move(connection_);
    asio::post(connection->executor(), [connection, response = std::move(response)]() mutable {
      connection->send(std::move(response));
    });
    work_.reset();  // the posted handler now counts as work
    return true;
  }

 private:
  // Declaration order is destruction order reversed: the io_context outlives the rest.
  std::shared_ptr<asio::io_context> io_;
  asio::executor_work_guard<asio::io_context::executor_type> work_;
  std::shared_ptr<Connection> connection_;
  Request request_;
  std::atomic<bool> done_{false};
};

bool is_parse_error(beast::error_code error) {
  if (error.category() != beast_http::make_error_code(beast_http::error::bad_target).category()) {
    return false;
  }
  // These mean the peer went away or stopped mid-message, not that it spoke bad HTTP.
  return error != beast_http::error::end_of_stream && error != beast_http::error::partial_message &&
         error != beast_http::error::need_more;
}

}  // namespace

Connection::Connection(tcp::socket&& socket, std::shared_ptr<const ConnectionContext> context)
    : executor_(socket.get_executor()), stream_(std::move(socket)), context_(std::move(context)) {
  beast::error_code error;
  auto endpoint = stream_.socket().remote_endpoint(error);
  if (!error) remote_address_ = endpoint.address().to_string();
}

void Connection::start() {
  asio::dispatch(executor_,
                 beast::bind_front_handler(&Connection::read_request, shared_from_this()));
}

void Connection::shutdown() {
  asio::post(executor_, [self = shared_from_this()] {
    self->stopping_ = true;
    if (self->idle() || self->state_ == State::closing) self->close();
  });
}

bool Connection::idle() const {
  return state_ == State::reading && buffer_.size() == 0 && !(parser_ && parser_->got_some());
}

void Connection::read_request() {
  if (stopping_) return close();
  state_ = State::reading;
  parser_.emplace();
  parser_->body_limit(context_->options.max_body_bytes);
  parser_->header_limit(kHeaderLimit);
  stream_.expires_after(context_->options.idle_timeout);
  beast_http::async_read_header(
      stream_, buffer_, *parser_,
      beast::bind_front_handler(&Connection::on_header, shared_from_this()));
}

void Connection::on_header(beast::error_code error, std::size_t) {
  if (error) return on_read_error(error);
  const auto& message = parser_->get();
  keep_alive_ = message.keep_alive();
  version_ = message.version();
  head_request_ = message.method() == beast_http::verb::head;
  if (parser_->is_done()) return handle_request();
  if (version_ >= 11 && iequals(message[beast_http::field::expect], "100-continue")) {
    // curl and others wait for this before sending a body.
    stream_.expires_after(context_->options.idle_timeout);
    asio::async_write(stream_, asio::buffer(kContinue.data(), kContinue.size()),
                      [self = shared_from_this()](beast::error_code write_error, std::size_t) {
                        if (write_error) return self->close();
                        self->read_body();
                      });
    return;
  }
  read_body();
}

void Connection::read_body() {
  stream_.expires_after(context_->options.idle_timeout);
  beast_http::async_read(stream_, buffer_, *parser_,
                         beast::bind_front_handler(&Connection::on_body, shared_from_this()));
}

void Connection::on_body(beast::error_code error, std::size_t) {
  if (error) return on_read_error(error);
  handle_request();
}

void Connection::on_read_error(beast::error_code error) {
  if (error == beast_http::error::body_limit) {
    return send_error(413, "request_body_too_large",
                      "The request body is larger than this server accepts.");
  }
  if (error == beast_http::error::header_limit) {
    return send_error(431, "request_headers_too_large",
                      "The request headers are larger than this server accepts.");
  }
  if (is_parse_error(error)) {
    return send_error(400, "malformed_request", "The request is not valid HTTP.");
  }
  close();  // end of stream, timeout, reset, or closed by shutdown()
}

void Connection::handle_request() {
  state_ = State::handling;
  stream_.expires_never();  // the handler's time is its own business
  auto io = context_->io.lock();
  if (!io) return close();
  auto pending = std::make_shared<PendingResponse>(std::move(io), shared_from_this(),
                                                   to_request(parser_->release(), remote_address_));
  parser_.reset();
  Respond respond = [pending](Response response) { pending->complete(std::move(response)); };
  try {
    context_->handler(pending->request(), std::move(respond));
  } catch (const std::exception& exception) {
    std::fprintf(stderr, "tessera: handler threw: %s\n", exception.what());
    pending->complete(error_response(500, "internal_error", "Internal server error."));
  } catch (...) {
    std::fprintf(stderr, "tessera: handler threw a non-standard exception\n");
    pending->complete(error_response(500, "internal_error", "Internal server error."));
  }
}

void Connection::send(Response response) {
  if (state_ != State::handling) return;
  write(to_beast_response(std::move(response), version_, keep_alive_ && !stopping_, head_request_),
        false);
}

void Connection::send_error(int status, std::string_view code, std::string_view message) {
  // The rest of the request is unread, so the connection cannot be reused.
  write(to_beast_response(error_response(status, code, message), version_ == 10 ? 10 : 11, false,
                          false),
        true);
}

void Connection::write(BeastResponse&& message, bool linger) {
  state_ = State::writing;
  response_ = std::move(message);
  bool keep_alive = response_.keep_alive();
  stream_.expires_after(context_->options.idle_timeout);
  beast_http::async_write(
      stream_, response_,
      [self = shared_from_this(), keep_alive, linger](beast::error_code error, std::size_t) {
        self->on_write(keep_alive, linger, error);
      });
}

void Connection::on_write(bool keep_alive, bool linger, beast::error_code error) {
  response_ = {};  // release the body now, the connection may idle for a long time
  if (error) return close();
  if (linger) return this->linger();
  if (!keep_alive || stopping_) return close();
  read_request();
}

void Connection::linger() {
  state_ = State::closing;
  beast::error_code ignored;
  stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
  buffer_.consume(buffer_.size());
  stream_.expires_after(kLingerTime);
  drain();
}

void Connection::drain() {
  stream_.async_read_some(buffer_.prepare(4096),
                          [self = shared_from_this()](beast::error_code error, std::size_t bytes) {
                            self->drained_bytes_ += bytes;
                            if (error || self->drained_bytes_ > kLingerBytes) return self->close();
                            self->drain();
                          });
}

void Connection::close() {
  state_ = State::closing;
  beast::error_code ignored;
  stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
  stream_.close();
}

}  // namespace tessera::http::detail

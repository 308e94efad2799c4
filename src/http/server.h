#pragma once
#include <chrono>
#include <cstddef>
#include <memory>
#include <string>

#include "http/handler.h"

namespace tessera::http {

struct ServerOptions {
  std::string address = "127.0.0.1";
  unsigned short port = 8080;  // 0 = ephemeral, see Server::port()
  int io_threads = 2;
  std::size_t max_body_bytes = 64 * 1024;   // larger → 413
  std::chrono::seconds idle_timeout{30};    // reading a request, writing a response, keep-alive
  std::chrono::seconds shutdown_grace{10};  // stop() waits this long for unanswered requests
};

// HTTP/1.1 (and 1.0) server on Boost.Beast: io_threads threads run one io_context, each
// connection is serialized on its own strand, keep-alive is honoured. Every response gets
// Content-Length, Date and "Server: tessera"; Content-Type is left to the handler.
class Server {
 public:
  Server(ServerOptions options, Handler handler);
  // stop() + wait().
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds, listens and starts the I/O threads, then returns. Throws std::system_error-like
  // boost::system::system_error when the address cannot be bound.
  void start();
  // The bound port (the real one when options.port was 0); 0 before start().
  unsigned short port() const;
  // Graceful and non-blocking (callable from a handler or a signal thread): stops accepting,
  // closes idle connections, lets requests in flight finish.
  void stop();
  // Blocks until stop() was called and the I/O threads have finished; requests still unanswered
  // after shutdown_grace are abandoned. Do not call it from an I/O thread.
  void wait();

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace tessera::http

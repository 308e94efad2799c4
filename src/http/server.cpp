#include "http/server.h"

#include <algorithm>
#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <thread>
#include <vector>

#include "http/detail/connection.h"

namespace tessera::http {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using detail::Connection;

namespace {

tcp::endpoint resolve_endpoint(const ServerOptions& options, asio::io_context& io) {
  boost::system::error_code error;
  auto address = asio::ip::make_address(options.address, error);
  if (!error) return {address, options.port};
  tcp::resolver resolver(io);  // a host name such as "localhost"
  return *resolver.resolve(options.address, std::to_string(options.port)).begin();
}

// Errors that mean "out of resources": retrying at once would spin.
bool is_resource_exhaustion(boost::system::error_code error) {
  return error == asio::error::no_descriptors || error == asio::error::no_buffer_space ||
         error == asio::error::no_memory;
}

}  // namespace

class Server::Impl {
 public:
  Impl(ServerOptions options, Handler handler)
      : io_(std::make_shared<asio::io_context>(std::max(1, options.io_threads))),
        context_(std::make_shared<detail::ConnectionContext>(
            detail::ConnectionContext{std::move(options), std::move(handler), io_})),
        acceptor_(asio::make_strand(*io_)),
        retry_timer_(acceptor_.get_executor()) {}

  ~Impl() {
    stop();
    wait();
  }

  void start() {
    std::lock_guard join_lock(join_mutex_);
    {
      std::lock_guard lock(mutex_);
      if (started_ || stop_requested_) return;
    }
    auto endpoint = resolve_endpoint(context_->options, *io_);
    acceptor_.open(endpoint.protocol());
    acceptor_.set_option(asio::socket_base::reuse_address(true));
    acceptor_.bind(endpoint);
    acceptor_.listen(asio::socket_base::max_listen_connections);
    port_ = acceptor_.local_endpoint().port();
    accepting_ = true;
    accept();  // no I/O thread runs yet, so touching the acceptor here is safe

    int threads = std::max(1, context_->options.io_threads);
    {
      std::lock_guard lock(mutex_);
      started_ = true;
      running_threads_ = threads;
    }
    for (int i = 0; i < threads; ++i) threads_.emplace_back([this] { run(); });
  }

  unsigned short port() const { return port_; }

  void stop() {
    {
      std::lock_guard lock(mutex_);
      if (stop_requested_) return;
      stop_requested_ = true;
    }
    changed_.notify_all();
    // The acceptor and the connection list belong to the acceptor's strand.
    asio::post(acceptor_.get_executor(), [this] {
      accepting_ = false;
      boost::system::error_code ignored;
      acceptor_.close(ignored);
      retry_timer_.cancel();
      for (auto& weak : connections_) {
        if (auto connection = weak.lock()) connection->shutdown();
      }
    });
  }

  void wait() {
    {
      std::unique_lock lock(mutex_);
      if (!started_) return;
      changed_.wait(lock, [this] { return stop_requested_ || running_threads_ == 0; });
      // The I/O threads end by themselves once no connection and no pending response is left.
      if (!changed_.wait_for(lock, context_->options.shutdown_grace,
                             [this] { return running_threads_ == 0; })) {
        io_->stop();  // abandon what is left
      }
    }
    std::lock_guard join_lock(join_mutex_);
    for (std::thread& thread : threads_) {
      if (thread.joinable()) thread.join();
    }
    // A connection whose response never came is kept alive by its Respond; do not let it hold
    // the client's socket open too. Nothing else touches it now that the I/O threads are gone.
    for (auto& weak : connections_) {
      if (auto connection = weak.lock()) connection->abandon();
    }
    connections_.clear();
  }

 private:
  void run() {
    while (true) {
      try {
        io_->run();
        break;
      } catch (const std::exception& exception) {
        std::fprintf(stderr, "tessera: exception on an I/O thread: %s\n", exception.what());
      }
    }
    {
      std::lock_guard lock(mutex_);
      --running_threads_;
    }
    changed_.notify_all();
  }

  void accept() {
    // Each connection gets its own strand: its handlers never run concurrently.
    acceptor_.async_accept(asio::make_strand(*io_),
                           [this](boost::system::error_code error, tcp::socket socket) {
                             on_accept(error, std::move(socket));
                           });
  }

  void on_accept(boost::system::error_code error, tcp::socket socket) {
    if (!accepting_) return;
    if (error) {
      if (error == asio::error::operation_aborted) return;
      if (!is_resource_exhaustion(error)) return accept();
      retry_timer_.expires_after(std::chrono::milliseconds(100));
      retry_timer_.async_wait([this](boost::system::error_code wait_error) {
        if (!wait_error && accepting_) accept();
      });
      return;
    }
    boost::system::error_code ignored;
    socket.set_option(tcp::no_delay(true), ignored);
    auto connection = std::make_shared<Connection>(std::move(socket), context_);
    if (connections_.size() >= prune_at_) {
      std::erase_if(connections_, [](const auto& weak) { return weak.expired(); });
      prune_at_ = std::max<std::size_t>(256, connections_.size() * 2);
    }
    connections_.push_back(connection);
    connection->start();
    accept();
  }

  // Shared so that a Respond held by a worker after the server is gone still finds it valid;
  // declared first so that everything below, which refers to it, is destroyed before it.
  std::shared_ptr<asio::io_context> io_;
  std::shared_ptr<detail::ConnectionContext> context_;
  tcp::acceptor acceptor_;
  asio::steady_timer retry_timer_;
  // Acceptor's strand only (start() and the end of wait() aside: no I/O thread runs then).
  bool accepting_ = false;
  std::vector<std::weak_ptr<Connection>> connections_;
  std::size_t prune_at_ = 256;

  std::atomic<unsigned short> port_{0};
  std::mutex mutex_;
  std::condition_variable changed_;
  bool started_ = false;
  bool stop_requested_ = false;
  int running_threads_ = 0;
  std::mutex join_mutex_;  // threads_
  std::vector<std::thread> threads_;
};

Server::Server(ServerOptions options, Handler handler)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(handler))) {}
Server::~Server() = default;
void Server::start() { impl_->start(); }
unsigned short Server::port() const { return impl_->port(); }
void Server::stop() { impl_->stop(); }
void Server::wait() { impl_->wait(); }

}  // namespace tessera::http

#pragma once
#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <thread>

#include "store/client_view_cache.h"

namespace tessera::store::postgres {

class Connection;

// Keeps a ClientViewCache honest on a database that several nodes write: LISTENs on the change
// channel on a connection of its own, hands every key announced (by any node, this one too) to
// the cache, and vouches for the cache only as far as it can prove it heard everything.
//
// The proof is a ping: every `ping_every` it NOTIFYs itself. PostgreSQL delivers notifications
// in commit order, so when its own ping comes back, every change committed before the ping was
// sent has been heard; the cache is then trusted until that moment plus `trust_for`. A slow or
// silent connection thus turns the cache off on its own, without anyone noticing; a connection
// seen to break turns it off at once. It then connects again and forgets everything cached (what
// was said meanwhile is lost).
class ChangeListener {
 public:
  struct Options {
    std::chrono::milliseconds ping_every{500};
    std::chrono::milliseconds trust_for{2000};
    std::chrono::milliseconds reconnect_after{1000};
  };

  // `channel`: change_channel() of the instance's schema.
  ChangeListener(std::string conninfo, std::string channel, ClientViewCache& cache,
                 Options options);
  ChangeListener(std::string conninfo, std::string channel, ClientViewCache& cache)
      : ChangeListener(std::move(conninfo), std::move(channel), cache, Options{}) {}
  ~ChangeListener();
  ChangeListener(const ChangeListener&) = delete;
  ChangeListener& operator=(const ChangeListener&) = delete;

  // The server process of the listening connection; 0 while there is none.
  int backend_pid() const { return backend_pid_; }

 private:
  void run();
  // Listens on one connection until it breaks or stop is asked for.
  void listen(Connection& connection);
  // Sleeps up to `timeout`, until `fd` (if not -1) is readable or stop is asked for.
  void wait(int fd, std::chrono::milliseconds timeout);

  const std::string conninfo_;
  const std::string channel_;
  ClientViewCache& cache_;
  const Options options_;
  std::atomic<bool> stopping_{false};
  std::atomic<int> backend_pid_{0};
  int wake_fd_ = -1;  // eventfd: written to stop
  std::thread thread_;
};

}  // namespace tessera::store::postgres

#include "store/postgres/change_listener.h"

#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <algorithm>
#include <stdexcept>

#include "store/postgres/change_feed.h"
#include "store/postgres/connection.h"

namespace tessera::store::postgres {

using Clock = ClientViewCache::Clock;

constexpr int kGiveUpFactor = 5;
constexpr int kConnectTimeoutSeconds = 5;

ChangeListener::ChangeListener(std::string conninfo, std::string channel, ClientViewCache& cache,
                               Options options)
    : conninfo_(std::move(conninfo)),
      channel_(std::move(channel)),
      cache_(cache),
      options_(options) {
  wake_fd_ = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
  if (wake_fd_ < 0) throw std::runtime_error("change listener: eventfd failed");
  thread_ = std::thread([this] { run(); });
}

ChangeListener::~ChangeListener() {
  stopping_ = true;
  const std::uint64_t one = 1;
  [[maybe_unused]] const auto written = ::write(wake_fd_, &one, sizeof one);
  thread_.join();
  ::close(wake_fd_);
}

void ChangeListener::wait(int fd, std::chrono::milliseconds timeout) {
  pollfd fds[2] = {{wake_fd_, POLLIN, 0}, {fd, POLLIN, 0}};
  ::poll(fds, fd >= 0 ? 2 : 1, static_cast<int>(timeout.count()));
}

void ChangeListener::run() {
  while (!stopping_) {
    try {
      // Bounded, so that stopping never waits long on a database that does not answer.
      Connection connection(conninfo_, kConnectTimeoutSeconds);
      listen(connection);
    } catch (const std::exception&) {
      // Try again after a pause. Meanwhile nothing is heard, so nothing is vouched for.
    }
    cache_.trust_until(Clock::time_point::min());
    backend_pid_ = 0;
    if (!stopping_) wait(-1, options_.reconnect_after);
  }
}

void ChangeListener::listen(Connection& connection) {
  connection.exec("LISTEN " + quoted_channel(channel_));
  // Whatever was announced before now, while nobody listened here, went unheard.
  cache_.changed({ClientViewCache::kEverything});
  const int pid = connection.backend_pid();
  backend_pid_ = pid;
  const std::string ping =
      "NOTIFY " + quoted_channel(channel_) + ", '" + std::string(kPingPayload) + "'";
  auto next_ping = Clock::now();
  Clock::time_point ping_sent{};
  bool awaiting_pong = false;
  while (!stopping_) {
    auto now = Clock::now();
    if (!awaiting_pong && now >= next_ping) {
      connection.send_text(ping);
      ping_sent = now;
      awaiting_pong = true;
      next_ping = now + options_.ping_every;
    }
    const auto until_ping = std::chrono::duration_cast<std::chrono::milliseconds>(next_ping - now);
    // A ping that never returns: the connection is dead without saying so.
    if (awaiting_pong && now - ping_sent > kGiveUpFactor * options_.trust_for)
      throw std::runtime_error("change listener: the connection stopped answering");
    // Waiting for a pong, the next ping waits too: sleep until something arrives.
    wait(connection.socket(),
         awaiting_pong ? options_.ping_every
                       : std::clamp(until_ping, std::chrono::milliseconds(1), options_.ping_every));
    if (stopping_) return;
    for (const auto& n : connection.receive()) {
      if (n.payload == kPingPayload) {
        if (n.backend_pid == pid && awaiting_pong) {
          awaiting_pong = false;
          cache_.trust_until(ping_sent + options_.trust_for);
        }
        continue;
      }
      cache_.changed(change_keys(n.payload));
    }
  }
}

}  // namespace tessera::store::postgres

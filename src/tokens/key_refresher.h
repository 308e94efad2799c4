#pragma once
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "auth/clock.h"
#include "tokens/key_ring.h"

namespace tessera::tokens {

// A background thread that calls KeyRing::refresh every `interval`, so a running node picks up a
// key rotated by another node or by `tessera keys rotate` without a restart. A failed refresh
// (database down) is logged and the node keeps signing with the keys it has. Stops on
// destruction.
class KeyRefresher {
 public:
  KeyRefresher(KeyRing& keys, const auth::Clock& clock, std::chrono::milliseconds interval);
  ~KeyRefresher();
  KeyRefresher(const KeyRefresher&) = delete;
  KeyRefresher& operator=(const KeyRefresher&) = delete;

 private:
  void run();

  KeyRing& keys_;
  const auth::Clock& clock_;
  const std::chrono::milliseconds interval_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;  // last: starts after the members it uses
};

}  // namespace tessera::tokens

#include "tokens/key_refresher.h"

#include <exception>
#include <iostream>

namespace tessera::tokens {

KeyRefresher::KeyRefresher(KeyRing& keys, const auth::Clock& clock,
                           std::chrono::milliseconds interval)
    : keys_(keys), clock_(clock), interval_(interval), thread_([this] { run(); }) {}

KeyRefresher::~KeyRefresher() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void KeyRefresher::run() {
  std::unique_lock lock(mutex_);
  while (!wake_.wait_for(lock, interval_, [this] { return stopping_; })) {
    lock.unlock();
    try {
      keys_.refresh(clock_.now_ms());
    } catch (const std::exception& e) {
      std::cerr << "tessera: reloading the signing keys failed (keeping the current ones): "
                << e.what() << "\n";
    }
    lock.lock();
  }
}

}  // namespace tessera::tokens

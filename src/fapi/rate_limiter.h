#pragma once
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace tessera::fapi {

// Fixed-window counters per key (e.g. "create:<ip>"), as Clerk's FAPI limits per IP. In memory,
// so each node counts on its own: a client spread over N nodes gets at most N times the budget,
// which still bounds guessing because codes and lockout are counted in the database.
class RateLimiter {
 public:
  // Counts one hit; returns the seconds to wait when the key is over `limit` in this window.
  std::optional<int> hit(const std::string& key, int limit, std::int64_t window_ms,
                         std::int64_t now_ms);

 private:
  struct Window {
    std::int64_t start = 0;
    int count = 0;
  };
  void forget_old(std::int64_t now_ms, std::int64_t window_ms);

  std::mutex mutex_;
  std::unordered_map<std::string, Window> windows_;
  std::int64_t last_sweep_ = 0;
};

}  // namespace tessera::fapi

#include "fapi/rate_limiter.h"

namespace tessera::fapi {

std::optional<int> RateLimiter::hit(const std::string& key, int limit, std::int64_t window_ms,
                                    std::int64_t now_ms) {
  std::lock_guard lock(mutex_);
  forget_old(now_ms, window_ms);
  auto& w = windows_[key];
  if (now_ms - w.start >= window_ms) w = {now_ms, 0};
  if (w.count >= limit) return static_cast<int>((w.start + window_ms - now_ms + 999) / 1000);
  ++w.count;
  return std::nullopt;
}

// Drops finished windows now and then so the map stays as small as the set of active clients.
void RateLimiter::forget_old(std::int64_t now_ms, std::int64_t window_ms) {
  if (now_ms - last_sweep_ < window_ms) return;
  last_sweep_ = now_ms;
  std::erase_if(windows_,
                [&](const auto& entry) { return now_ms - entry.second.start >= window_ms; });
}

}  // namespace tessera::fapi

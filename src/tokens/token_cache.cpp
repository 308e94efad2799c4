#include "tokens/token_cache.h"

namespace tessera::tokens {

std::string TokenCache::get_or_mint(const std::string& key, std::int64_t now_ms,
                                    const std::function<std::string()>& mint,
                                    std::int64_t not_before_ms) {
  {
    std::lock_guard lock(mutex_);
    if (auto it = entries_.find(key); it != entries_.end() &&
                                      now_ms - it->second.minted_at < reuse_ms_ &&
                                      it->second.minted_at / 1000 >= not_before_ms / 1000)
      return it->second.jwt;
  }
  auto jwt = mint();  // outside the lock: signing is the slow part
  std::lock_guard lock(mutex_);
  if (now_ms - last_sweep_ >= reuse_ms_) {  // keep the map as small as the set of busy sessions
    last_sweep_ = now_ms;
    std::erase_if(entries_,
                  [&](const auto& e) { return now_ms - e.second.minted_at >= reuse_ms_; });
  }
  entries_[key] = {jwt, now_ms};
  return jwt;
}

}  // namespace tessera::tokens

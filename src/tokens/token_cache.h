#pragma once
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <unordered_map>

namespace tessera::tokens {

// Recently minted session tokens, reused for a few seconds when a client object is rendered
// again (GET /v1/client, piggybacked clients): an RSA signature per session per response would
// otherwise bound every cheap read by the signing rate. The explicit token endpoint always mints.
class TokenCache {
 public:
  explicit TokenCache(std::int64_t reuse_ms = 5000) : reuse_ms_(reuse_ms) {}

  // The cached token for `key` if it is younger than reuse_ms and was issued (iat, whole seconds)
  // no earlier than `not_before_ms`, else a fresh one from `mint`. Pass the client's last update:
  // the backend SDKs take a token issued before __client_uat (the client's updated_at in seconds)
  // for a stale one, and answer a fetch with it signed out.
  std::string get_or_mint(const std::string& key, std::int64_t now_ms,
                          const std::function<std::string()>& mint, std::int64_t not_before_ms = 0);

 private:
  struct Entry {
    std::string jwt;
    std::int64_t minted_at = 0;
  };
  std::int64_t reuse_ms_;
  std::mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;
  std::int64_t last_sweep_ = 0;
};

}  // namespace tessera::tokens

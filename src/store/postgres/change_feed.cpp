#include "store/postgres/change_feed.h"

#include "store/client_view_cache.h"

namespace tessera::store::postgres {
namespace {

// PostgreSQL refuses payloads of 8000 bytes or more.
constexpr std::size_t kMaxPayload = 7900;

}  // namespace

std::string change_payload(const std::vector<std::string>& keys) {
  std::string payload;
  for (const auto& key : keys) {
    if (!payload.empty()) payload += ' ';
    payload += key;
  }
  return payload.size() <= kMaxPayload ? payload : ClientViewCache::kEverything;
}

std::vector<std::string> change_keys(std::string_view payload) {
  std::vector<std::string> keys;
  while (!payload.empty()) {
    const auto space = payload.find(' ');
    const auto key = payload.substr(0, space);
    if (!key.empty()) keys.emplace_back(key);
    if (space == std::string_view::npos) break;
    payload.remove_prefix(space + 1);
  }
  return keys;
}

}  // namespace tessera::store::postgres

#include "store/postgres/change_feed.h"

#include <functional>

#include "store/client_view_cache.h"

namespace tessera::store::postgres {
namespace {

// PostgreSQL refuses payloads of 8000 bytes or more.
constexpr std::size_t kMaxPayload = 7900;

}  // namespace

std::string change_channel(const std::string& schema) {
  constexpr std::size_t kMaxChannel = 63;
  std::string channel = "tessera_changes_" + schema;
  if (channel.size() <= kMaxChannel) return channel;
  return "tessera_changes_" + std::to_string(std::hash<std::string>{}(schema));
}

std::string quoted_channel(const std::string& channel) {
  std::string quoted = "\"";
  for (char c : channel) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

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

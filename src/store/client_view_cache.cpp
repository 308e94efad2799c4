#include "store/client_view_cache.h"

#include <algorithm>

namespace tessera::store {

ClientViewCache::ClientViewCache(Options options)
    : options_(std::move(options)), changed_at_(kBuckets, 0) {}

std::size_t ClientViewCache::bucket_of(const std::string& key) {
  return std::hash<std::string>{}(key) % kBuckets;
}

std::uint64_t ClientViewCache::ticket() {
  std::lock_guard lock(mutex_);
  return sequence_;
}

bool ClientViewCache::fresh(const Entry& entry, Clock::time_point now) const {
  if (entry.ticket < flushed_at_ || now - entry.stored_at >= options_.max_age) return false;
  return std::none_of(entry.buckets.begin(), entry.buckets.end(),
                      [&](std::size_t b) { return changed_at_[b] > entry.ticket; });
}

void ClientViewCache::erase(std::unordered_map<std::string, Entry>::iterator it) {
  recency_.erase(it->second.recency);
  entries_.erase(it);
}

std::optional<auth::ClientView> ClientViewCache::find(const std::string& token_hash) {
  const auto now = options_.now();
  std::lock_guard lock(mutex_);
  if (now >= trusted_until_) return std::nullopt;
  auto it = entries_.find(token_hash);
  if (it == entries_.end()) return std::nullopt;
  if (!fresh(it->second, now)) {
    erase(it);
    return std::nullopt;
  }
  recency_.splice(recency_.begin(), recency_, it->second.recency);
  return it->second.view;
}

void ClientViewCache::put(const std::string& token_hash, const auth::ClientView& view,
                          std::uint64_t ticket) {
  if (options_.capacity == 0) return;
  Entry entry{view, {bucket_of(client_key(view.client.id))}, ticket, options_.now(), {}};
  for (const auto& session : view.sessions)  // view.users are these sessions' users
    entry.buckets.push_back(bucket_of(user_key(session.user_id)));
  std::sort(entry.buckets.begin(), entry.buckets.end());
  entry.buckets.erase(std::unique(entry.buckets.begin(), entry.buckets.end()), entry.buckets.end());

  std::lock_guard lock(mutex_);
  // Stale before it is stored: a change landed while it was read (or nobody vouches for it).
  if (entry.stored_at >= trusted_until_ || !fresh(entry, entry.stored_at)) return;
  if (auto it = entries_.find(token_hash); it != entries_.end()) erase(it);
  recency_.push_front(token_hash);
  entry.recency = recency_.begin();
  entries_.emplace(token_hash, std::move(entry));
  while (entries_.size() > options_.capacity) erase(entries_.find(recency_.back()));
}

void ClientViewCache::changed(const std::vector<std::string>& keys) {
  std::lock_guard lock(mutex_);
  ++sequence_;
  for (const auto& key : keys) {
    if (key == kEverything)
      flushed_at_ = sequence_;
    else
      changed_at_[bucket_of(key)] = sequence_;
  }
}

void ClientViewCache::trust_until(Clock::time_point deadline) {
  std::lock_guard lock(mutex_);
  trusted_until_ = deadline;
}

bool ClientViewCache::trusted() const {
  const auto now = options_.now();
  std::lock_guard lock(mutex_);
  return now < trusted_until_;
}

std::size_t ClientViewCache::size() const {
  std::lock_guard lock(mutex_);
  return entries_.size();
}

}  // namespace tessera::store

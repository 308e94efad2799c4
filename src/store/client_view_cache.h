#pragma once
#include <chrono>
#include <cstdint>
#include <functional>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "auth/store.h"

namespace tessera::store {

// Client views (a client with its sessions and their users) kept in memory by the hash of the
// client's token, for the reads a browser repeats most: `GET /v1/client` and token refreshes.
// Nothing else reads from it, and nothing read from it decides more than what those two answer.
//
// It stays correct only if every change to a client, a session or a user is reported with
// changed() once it is committed, on every node (PostgreSQL: NOTIFY, store/postgres/
// change_listener). Invalidation is lazy: a change bumps a counter for its key, and an entry is
// stale once a key it depends on (its client, the users of its sessions) changed after the read
// that produced the entry began (its ticket). So a change that lands while a read is under way
// keeps that read's result out, with no lock held across the read.
class ClientViewCache {
 public:
  using Clock = std::chrono::steady_clock;

  struct Options {
    std::size_t capacity = 10000;  // entries; the least recently used go first
    // Only bounds how long a change nobody announced (a row edited by hand) can go unseen; a
    // browser refreshes its token every ~50 s, and each refresh should find its client here.
    std::chrono::milliseconds max_age{std::chrono::minutes(5)};
    std::function<Clock::time_point()> now = [] { return Clock::now(); };
  };

  explicit ClientViewCache(Options options);

  // The keys changes are reported under.
  static std::string client_key(const std::string& client_id) { return "c:" + client_id; }
  static std::string user_key(const std::string& user_id) { return "u:" + user_id; }
  static constexpr const char* kEverything = "*";

  // Take one before reading a view from the database, and give it to put() with the result.
  std::uint64_t ticket();
  std::optional<auth::ClientView> find(const std::string& token_hash);
  void put(const std::string& token_hash, const auth::ClientView& view, std::uint64_t ticket);

  // Committed changes, by key (client_key, user_key, or kEverything).
  void changed(const std::vector<std::string>& keys);

  // Views are served only until `deadline`: whoever reports the changes vouches that none
  // committed before some moment went unreported, and a view is never older than that moment
  // allows (store/postgres/change_listener renews it after each of its pings returns). Until
  // then, and after it lapses, every find misses and puts are dropped.
  void trust_until(Clock::time_point deadline);
  bool trusted() const;

  std::size_t size() const;

 private:
  struct Entry {
    auth::ClientView view;
    std::vector<std::size_t> buckets;  // of the keys it depends on
    std::uint64_t ticket = 0;
    Clock::time_point stored_at;
    std::list<std::string>::iterator recency;
  };

  // Keys share buckets: a change to one key also invalidates the others in its bucket (a miss,
  // never a stale answer), and the counters take fixed memory.
  static constexpr std::size_t kBuckets = 1 << 14;
  static std::size_t bucket_of(const std::string& key);

  bool fresh(const Entry& entry, Clock::time_point now) const;
  void erase(std::unordered_map<std::string, Entry>::iterator it);

  Options options_;
  mutable std::mutex mutex_;
  Clock::time_point trusted_until_ = Clock::time_point::min();
  std::uint64_t sequence_ = 0;  // changes seen so far
  std::uint64_t flushed_at_ = 0;
  std::vector<std::uint64_t> changed_at_;  // per bucket: the sequence of its last change
  std::unordered_map<std::string, Entry> entries_;
  std::list<std::string> recency_;  // token hashes, most recently used first
};

}  // namespace tessera::store

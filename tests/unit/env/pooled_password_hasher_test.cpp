#include "env/pooled_password_hasher.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <thread>
#include <vector>

namespace tessera::env {
namespace {

// Remembers the thread each call ran on; "boom" throws.
class ThreadRecordingHasher final : public auth::PasswordHasher {
 public:
  std::string hash(std::string_view password) const override {
    ran_on = std::this_thread::get_id();
    if (password == "boom") throw std::runtime_error("argon2: out of memory");
    return "h:" + std::string(password);
  }
  bool verify(std::string_view stored, std::string_view password) const override {
    ran_on = std::this_thread::get_id();
    return stored == "h:" + std::string(password);
  }
  std::string hash_with_salt(std::string_view secret, std::string_view salt) const override {
    ran_on = std::this_thread::get_id();
    return std::string(salt) + ":" + std::string(secret);
  }
  bool needs_rehash(std::string_view stored) const override {
    ran_on = std::this_thread::get_id();
    return stored.starts_with("old:");
  }
  mutable std::thread::id ran_on;
};

// Runs each job on a thread of its own, like the server's hashing threads.
struct SeparateThreads {
  std::vector<std::thread> threads;
  void run(std::function<void()> job) { threads.emplace_back(std::move(job)); }
  ~SeparateThreads() {
    for (auto& thread : threads) thread.join();
  }
};

TEST(PooledPasswordHasher, HashesOnTheHashingThreadsAndAnswersTheCaller) {
  SeparateThreads elsewhere;
  const ThreadRecordingHasher inner;
  const PooledPasswordHasher hasher(inner, [&](auto job) { elsewhere.run(std::move(job)); });

  EXPECT_EQ(hasher.hash("pw"), "h:pw");
  EXPECT_NE(inner.ran_on, std::this_thread::get_id());
  EXPECT_TRUE(hasher.verify("h:pw", "pw"));
  EXPECT_FALSE(hasher.verify("h:pw", "px"));
  EXPECT_NE(inner.ran_on, std::this_thread::get_id());
  EXPECT_EQ(hasher.hash_with_salt("code", "salt"), "salt:code");
  EXPECT_NE(inner.ran_on, std::this_thread::get_id());
  EXPECT_EQ(elsewhere.threads.size(), 4u);

  // Parsing a stored hash is cheap: it stays on the caller's thread.
  EXPECT_TRUE(hasher.needs_rehash("old:x"));
  EXPECT_EQ(inner.ran_on, std::this_thread::get_id());
}

TEST(PooledPasswordHasher, AHashThatFailsThrowsToTheCaller) {
  SeparateThreads elsewhere;
  const ThreadRecordingHasher inner;
  const PooledPasswordHasher hasher(inner, [&](auto job) { elsewhere.run(std::move(job)); });
  EXPECT_THROW(hasher.hash("boom"), std::runtime_error);
  EXPECT_EQ(hasher.hash("pw"), "h:pw");  // and the next hash still works
}

}  // namespace
}  // namespace tessera::env

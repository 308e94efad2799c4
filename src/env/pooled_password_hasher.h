#pragma once
#include <functional>
#include <future>
#include <memory>
#include <type_traits>
#include <utility>

#include "auth/password/password_hasher.h"

namespace tessera::env {

// A password hasher that runs each hash on threads of its own (one per core) and waits for it.
// The requests that hash run on other threads: while one of them waits on its database (a
// PostgreSQL round trip), the hashing threads go on with the next hash instead of leaving the
// core idle, and they take the next hash without a hand-off (a thread that gave a slot to
// another had to wait for the scheduler to run it: 10-15 % of the CPU sat idle).
class PooledPasswordHasher final : public auth::PasswordHasher {
 public:
  // run_hash(job): runs job on a hashing thread; jobs run in the order they were given.
  using RunHash = std::function<void(std::function<void()>)>;

  PooledPasswordHasher(const auth::PasswordHasher& inner, RunHash run_hash)
      : inner_(inner), run_hash_(std::move(run_hash)) {}

  std::string hash(std::string_view password) const override {
    return on_hashing_thread([&] { return inner_.hash(password); });
  }
  bool verify(std::string_view stored, std::string_view password) const override {
    return on_hashing_thread([&] { return inner_.verify(stored, password); });
  }
  std::string hash_with_salt(std::string_view secret, std::string_view salt) const override {
    return on_hashing_thread([&] { return inner_.hash_with_salt(secret, salt); });
  }
  bool needs_rehash(std::string_view stored) const override { return inner_.needs_rehash(stored); }

 private:
  // The hash borrows the caller's arguments (the caller waits until it has run); the job owns
  // the task, which the hashing thread may still be leaving when the caller wakes.
  template <typename Hash>
  std::invoke_result_t<Hash> on_hashing_thread(Hash hash) const {
    auto task = std::make_shared<std::packaged_task<std::invoke_result_t<Hash>()>>(std::move(hash));
    auto result = task->get_future();
    run_hash_([task] { (*task)(); });
    return result.get();
  }

  const auth::PasswordHasher& inner_;
  RunHash run_hash_;
};

}  // namespace tessera::env

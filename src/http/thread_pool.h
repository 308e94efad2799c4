#pragma once
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace tessera::http {

// A fixed set of workers for blocking work (database, password hashing) so that I/O threads
// never block. Bounded: try_post refuses when the queue is full, which the caller turns into
// 429 + Retry-After instead of letting latency grow without limit.
class ThreadPool {
 public:
  // threads <= 0 → one per hardware thread. max_queue counts tasks waiting, not running.
  // nice_increment > 0 lowers the workers' scheduling priority (Linux: per-thread nice), so
  // long CPU-bound work such as argon2id yields the cores to I/O threads and cheap requests.
  ThreadPool(int threads, std::size_t max_queue, int nice_increment = 0);
  // Runs every queued task (tasks may still post while draining), then joins the workers.
  ~ThreadPool();
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  // false (task dropped) when max_queue tasks are already waiting.
  bool try_post(std::function<void()> task);
  // Always enqueues, ignoring the bound (for work that must not be lost).
  void post(std::function<void()> task);
  // Tasks waiting for a worker.
  std::size_t queued() const;

 private:
  void work(int nice_increment);

  mutable std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<std::function<void()>> tasks_;
  std::size_t max_queue_;
  bool stopping_ = false;
  std::vector<std::thread> workers_;
};

}  // namespace tessera::http

#pragma once
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace tessera::http {

// A fixed set of workers for blocking work (database, password hashing) so that I/O threads
// never block. Bounded: try_post refuses when the queue is full, which the caller turns into
// 429 + Retry-After instead of letting latency grow without limit.
struct ThreadPoolOptions {
  int threads = 0;            // <= 0 → one per hardware thread
  std::size_t max_queue = 0;  // tasks waiting beyond one running on each worker
  // > 0 lowers the workers' scheduling priority (Linux: per-thread nice), so long CPU-bound
  // work such as argon2id yields the cores to I/O threads and cheap requests.
  int nice_increment = 0;
  // Run on a worker that has been without work for idle_after since its last task (e.g. to
  // give back memory the tasks keep per thread). Once per idle spell.
  std::function<void()> on_idle;
  std::chrono::milliseconds idle_after{1000};
};

class ThreadPool {
 public:
  explicit ThreadPool(ThreadPoolOptions options);
  ThreadPool(int threads, std::size_t max_queue);
  // Runs every queued task (tasks may still post while draining), then joins the workers.
  ~ThreadPool();
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  // false (task dropped) when the pool already holds threads + max_queue tasks, running or
  // waiting; a burst of that many is taken even before the workers have woken for it.
  bool try_post(std::function<void()> task);
  // Called by a running task of this pool once its result is handed on (a response passed to
  // the I/O thread): its place is free from then on, though the worker still unwinds the task.
  // Otherwise a client could send its next request before the worker is back and find the
  // pool full. Does nothing on other threads, or when called twice.
  void release_place();
  // Always enqueues, ignoring the bound (for work that must not be lost).
  void post(std::function<void()> task);
  // Tasks waiting for a worker.
  std::size_t queued() const;

 private:
  void work();
  // Waits for a task; nullopt when stopping and drained. Runs on_idle while waiting.
  // finished_one: the calling worker has just finished a task that still held its place.
  std::optional<std::function<void()>> next_task(bool finished_one, bool& owes_idle_call);

  mutable std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<std::function<void()>> tasks_;
  // Tasks taken by a worker that still hold their place: until release_place or their end.
  std::size_t running_ = 0;
  const ThreadPoolOptions options_;
  bool stopping_ = false;
  std::vector<std::thread> workers_;
};

}  // namespace tessera::http

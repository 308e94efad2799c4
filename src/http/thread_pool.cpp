#include "http/thread_pool.h"

#include <sys/resource.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <exception>

namespace tessera::http {

namespace {

// Raises the calling thread's nice value; a failure only costs priority, so it is reported once.
void lower_this_thread_priority(int increment) {
  const auto tid = static_cast<id_t>(gettid());
  errno = 0;
  const int current = getpriority(PRIO_PROCESS, tid);
  if (errno == 0 && setpriority(PRIO_PROCESS, tid, current + increment) == 0) return;
  std::perror("tessera: lowering worker priority");
}

}  // namespace

ThreadPool::ThreadPool(int threads, std::size_t max_queue, int nice_increment)
    : max_queue_(max_queue) {
  if (threads <= 0) threads = static_cast<int>(std::thread::hardware_concurrency());
  if (threads <= 0) threads = 1;
  workers_.reserve(static_cast<std::size_t>(threads));
  for (int i = 0; i < threads; ++i)
    workers_.emplace_back([this, nice_increment] { work(nice_increment); });
}

ThreadPool::~ThreadPool() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  ready_.notify_all();
  for (std::thread& worker : workers_) worker.join();
}

bool ThreadPool::try_post(std::function<void()> task) {
  {
    std::lock_guard lock(mutex_);
    if (tasks_.size() >= max_queue_) return false;
    tasks_.push_back(std::move(task));
  }
  ready_.notify_one();
  return true;
}

void ThreadPool::post(std::function<void()> task) {
  {
    std::lock_guard lock(mutex_);
    tasks_.push_back(std::move(task));
  }
  ready_.notify_one();
}

std::size_t ThreadPool::queued() const {
  std::lock_guard lock(mutex_);
  return tasks_.size();
}

void ThreadPool::work(int nice_increment) {
  if (nice_increment > 0) lower_this_thread_priority(nice_increment);
  while (true) {
    std::function<void()> task;
    {
      std::unique_lock lock(mutex_);
      ready_.wait(lock, [this] { return stopping_ || !tasks_.empty(); });
      if (tasks_.empty()) return;  // stopping and drained
      task = std::move(tasks_.front());
      tasks_.pop_front();
    }
    // A throwing task must not take its worker down; the task owns its error reporting.
    try {
      task();
    } catch (const std::exception& error) {
      std::fprintf(stderr, "tessera: uncaught exception in worker task: %s\n", error.what());
    } catch (...) {
      std::fprintf(stderr, "tessera: uncaught non-standard exception in worker task\n");
    }
  }
}

}  // namespace tessera::http

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

// The pool whose place the running task on this thread still holds (see release_place).
thread_local const ThreadPool* place_held_in = nullptr;

}  // namespace

ThreadPool::ThreadPool(ThreadPoolOptions options) : options_(std::move(options)) {
  int threads = options_.threads;
  if (threads <= 0) threads = static_cast<int>(std::thread::hardware_concurrency());
  if (threads <= 0) threads = 1;
  workers_.reserve(static_cast<std::size_t>(threads));
  for (int i = 0; i < threads; ++i) workers_.emplace_back([this] { work(); });
}

ThreadPool::ThreadPool(int threads, std::size_t max_queue)
    : ThreadPool([&] {
        ThreadPoolOptions options;
        options.threads = threads;
        options.max_queue = max_queue;
        return options;
      }()) {}

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
    // Running tasks count too: workers that have not yet woken for a burst leave its tasks in
    // the queue, and counting only the queue would refuse them though threads are free.
    if (tasks_.size() + running_ >= workers_.size() + options_.max_queue) return false;
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

void ThreadPool::release_place() {
  if (place_held_in != this) return;
  place_held_in = nullptr;
  std::lock_guard lock(mutex_);
  --running_;
}

std::size_t ThreadPool::queued() const {
  std::lock_guard lock(mutex_);
  return tasks_.size();
}

std::optional<std::function<void()>> ThreadPool::next_task(bool finished_one,
                                                           bool& owes_idle_call) {
  std::unique_lock lock(mutex_);
  if (finished_one) --running_;
  const auto has_work = [this] { return stopping_ || !tasks_.empty(); };
  while (owes_idle_call && options_.on_idle && !has_work()) {
    if (ready_.wait_for(lock, options_.idle_after, has_work)) break;
    owes_idle_call = false;
    lock.unlock();
    options_.on_idle();
    lock.lock();
  }
  ready_.wait(lock, has_work);
  if (tasks_.empty()) return std::nullopt;  // stopping and drained
  auto task = std::move(tasks_.front());
  tasks_.pop_front();
  ++running_;
  return task;
}

void ThreadPool::work() {
  if (options_.nice_increment > 0) lower_this_thread_priority(options_.nice_increment);
  bool owes_idle_call = false;
  bool finished_one = false;
  while (auto next = next_task(finished_one, owes_idle_call)) {
    auto task = std::move(*next);
    owes_idle_call = true;
    place_held_in = this;
    // A throwing task must not take its worker down; the task owns its error reporting.
    try {
      task();
    } catch (const std::exception& error) {
      std::fprintf(stderr, "tessera: uncaught exception in worker task: %s\n", error.what());
    } catch (...) {
      std::fprintf(stderr, "tessera: uncaught non-standard exception in worker task\n");
    }
    finished_one = place_held_in == this;  // not yet given back by release_place
    place_held_in = nullptr;
  }
}

}  // namespace tessera::http

#include "http/thread_pool.h"

#include <gtest/gtest.h>
#include <sys/resource.h>
#include <unistd.h>

#include <atomic>
#include <future>
#include <stdexcept>

namespace tessera::http {
namespace {

TEST(ThreadPool, RunsPostedTasks) {
  std::atomic<int> done{0};
  {
    ThreadPool pool(4, 100);
    for (int i = 0; i < 100; ++i) ASSERT_TRUE(pool.try_post([&] { ++done; }));
  }  // the destructor drains
  EXPECT_EQ(done, 100);
}

TEST(ThreadPool, NiceIncrementLowersOnlyItsWorkersPriority) {
  const int own = getpriority(PRIO_PROCESS, static_cast<id_t>(gettid()));
  std::promise<int> seen;
  {
    ThreadPoolOptions options;
    options.threads = 1;
    options.max_queue = 1;
    options.nice_increment = 5;
    ThreadPool pool(options);
    ASSERT_TRUE(pool.try_post(
        [&] { seen.set_value(getpriority(PRIO_PROCESS, static_cast<id_t>(gettid()))); }));
  }
  EXPECT_EQ(seen.get_future().get(), std::min(own + 5, 19));
  EXPECT_EQ(getpriority(PRIO_PROCESS, static_cast<id_t>(gettid())), own);
}

TEST(ThreadPool, OnIdleRunsOnTheWorkerOnceAfterEachBusySpell) {
  std::atomic<int> idle_calls{0};
  std::promise<std::thread::id> worker;
  std::promise<std::thread::id> idle_thread;
  ThreadPoolOptions options;
  options.threads = 1;
  options.max_queue = 4;
  options.on_idle = [&] {
    if (idle_calls++ == 0) idle_thread.set_value(std::this_thread::get_id());
  };
  options.idle_after = std::chrono::milliseconds(20);
  ThreadPool pool(options);
  EXPECT_EQ(idle_calls, 0);  // no work yet, nothing to give back
  ASSERT_TRUE(pool.try_post([&] { worker.set_value(std::this_thread::get_id()); }));
  EXPECT_EQ(idle_thread.get_future().get(), worker.get_future().get());
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_EQ(idle_calls, 1);  // not again until the worker has worked again
  std::promise<void> second;
  ASSERT_TRUE(pool.try_post([&] { second.set_value(); }));
  second.get_future().wait();
  for (int i = 0; i < 100 && idle_calls < 2; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  EXPECT_EQ(idle_calls, 2);
}

TEST(ThreadPool, TryPostRefusesWhenQueueIsFull) {
  std::promise<void> release;
  std::shared_future<void> gate = release.get_future().share();
  std::promise<void> started;
  ThreadPool pool(1, 2);
  ASSERT_TRUE(pool.try_post([&, gate] {
    started.set_value();
    gate.wait();
  }));
  started.get_future().wait();  // the only worker is busy, so the next tasks wait
  EXPECT_TRUE(pool.try_post([] {}));
  EXPECT_TRUE(pool.try_post([] {}));
  EXPECT_EQ(pool.queued(), 2u);
  EXPECT_FALSE(pool.try_post([] {}));
  pool.post([] {});  // post ignores the bound
  EXPECT_EQ(pool.queued(), 3u);
  release.set_value();
}

TEST(ThreadPool, TakesABurstOfThreadsPlusQueueTasksBeforeTheWorkersWake) {
  std::promise<void> release;
  std::shared_future<void> gate = release.get_future().share();
  std::atomic<int> done{0};
  {
    ThreadPool pool(2, 1);
    // Posted back to back: whether or not a worker has taken one yet, three fit (two running,
    // one waiting) and the fourth does not.
    for (int i = 0; i < 3; ++i)
      EXPECT_TRUE(pool.try_post([&, gate] {
        gate.wait();
        ++done;
      })) << i;
    EXPECT_FALSE(pool.try_post([&] { ++done; }));
    release.set_value();
  }
  EXPECT_EQ(done, 3);
}

TEST(ThreadPool, FinishedTasksFreeTheirPlace) {
  std::atomic<int> done{0};
  {
    ThreadPool pool(1, 0);  // room for the one running task only
    for (int i = 0; i < 50; ++i) {
      bool taken = false;
      for (int spin = 0; spin < 10000 && !(taken = pool.try_post([&] { ++done; })); ++spin)
        std::this_thread::sleep_for(std::chrono::microseconds(100));
      ASSERT_TRUE(taken) << "task " << i << " found no place";
    }
  }
  EXPECT_EQ(done, 50);
}

TEST(ThreadPool, ATaskThatReleasesItsPlaceLetsTheNextOneInWhileItFinishes) {
  std::promise<void> release;
  std::shared_future<void> gate = release.get_future().share();
  std::promise<void> released;
  std::atomic<int> done{0};
  {
    ThreadPool pool(1, 0);  // room for one task
    ASSERT_TRUE(pool.try_post([&, gate] {
      pool.release_place();
      pool.release_place();  // a second call gives back nothing more
      released.set_value();
      gate.wait();  // still running: e.g. handing over its response
      ++done;
    }));
    released.get_future().wait();
    EXPECT_TRUE(pool.try_post([&] { ++done; }));  // takes the released place
    EXPECT_FALSE(pool.try_post([&] { ++done; }));
    release.set_value();
  }
  EXPECT_EQ(done, 2);
}

TEST(ThreadPool, DestructorDrainsQueueIncludingTasksPostedWhileDraining) {
  std::atomic<int> done{0};
  {
    ThreadPool pool(1, 10);
    for (int i = 0; i < 5; ++i) {
      pool.post([&] {
        ++done;
        pool.post([&] { ++done; });
      });
    }
  }
  EXPECT_EQ(done, 10);
}

TEST(ThreadPool, ThrowingTaskDoesNotKillWorker) {
  std::atomic<int> done{0};
  {
    ThreadPool pool(1, 10);
    pool.post([] { throw std::runtime_error("boom"); });
    pool.post([&] { ++done; });
  }
  EXPECT_EQ(done, 1);
}

TEST(ThreadPool, ZeroThreadsMeansHardwareConcurrency) {
  std::atomic<int> done{0};
  {
    ThreadPool pool(0, 10);
    pool.post([&] { ++done; });
  }
  EXPECT_EQ(done, 1);
}

}  // namespace
}  // namespace tessera::http

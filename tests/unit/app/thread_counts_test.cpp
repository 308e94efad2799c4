// Thread counts: a configured count wins; 0 scales with the cores.
#include "app/thread_counts.h"

#include <gtest/gtest.h>

namespace tessera::app {
namespace {

TEST(ThreadCounts, AConfiguredCountIsKept) {
  EXPECT_EQ(hashing_thread_count(3, 16), 3);
  EXPECT_EQ(io_thread_count(5, 2), 5);
}

TEST(ThreadCounts, HashingUsesEveryCoreAndAtLeastTwo) {
  EXPECT_EQ(hashing_thread_count(0, 8), 8);
  EXPECT_EQ(hashing_thread_count(0, 1), 2);
  EXPECT_EQ(hashing_thread_count(0, 0), 2);  // unknown
}

TEST(ThreadCounts, RequestsThatHashRunOnTwoThreadsPerHashingThreadWhenHashesRunApart) {
  EXPECT_EQ(hashing_request_thread_count(2, true), 4);
  EXPECT_EQ(hashing_request_thread_count(8, true), 16);
  EXPECT_EQ(hashing_request_thread_count(2, false), 2);
  EXPECT_EQ(hashing_request_thread_count(8, false), 8);
}

TEST(ThreadCounts, FastRequestsGetTwoThreadsPerHashingThreadOnlyWhenTheyWaitOnTheNetwork) {
  EXPECT_EQ(fast_thread_count(2, true), 4);
  EXPECT_EQ(fast_thread_count(8, true), 16);
  EXPECT_EQ(fast_thread_count(2, false), 3);
  EXPECT_EQ(fast_thread_count(8, false), 9);
}

TEST(ThreadCounts, IoUsesOneThreadPerFourCoresAndAtLeastOne) {
  EXPECT_EQ(io_thread_count(0, 2), 1);
  EXPECT_EQ(io_thread_count(0, 4), 1);
  EXPECT_EQ(io_thread_count(0, 8), 2);
  EXPECT_EQ(io_thread_count(0, 64), 16);
  EXPECT_EQ(io_thread_count(0, 0), 1);  // unknown
}

}  // namespace
}  // namespace tessera::app

// for_each_index: every index once on any thread count, the first exception reaches the caller, one thread
// runs in index order on the caller's thread.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

#include "parallel.hpp"

using namespace mockgc::core;

namespace {

TEST(ForEachIndex, RunsEveryIndexOnceOnAnyThreadCount) {
  for (unsigned threads : {1u, 2u, 3u, 8u, 64u})
    for (std::size_t n : {0u, 1u, 2u, 7u, 100u}) {
      std::vector<std::atomic<int>> runs(n);
      for_each_index(n, threads, [&](std::size_t i) { runs.at(i).fetch_add(1); });
      for (std::size_t i = 0; i < n; ++i) EXPECT_EQ(runs[i].load(), 1) << "index " << i << " of " << n << ", " << threads << " threads";
    }
}

TEST(ForEachIndex, UsesSeveralThreadsWhenAsked) {
  std::mutex mutex;
  std::set<std::thread::id> seen;
  std::atomic<int> waiting{0};
  // Each call waits (up to 10 s) until the other has started: one thread alone runs them one after the other.
  bool met = true;
  for_each_index(2, 2, [&](std::size_t) {
    {
      std::lock_guard lock(mutex);
      seen.insert(std::this_thread::get_id());
    }
    waiting.fetch_add(1);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (waiting.load() < 2)
      if (std::chrono::steady_clock::now() > deadline) {
        std::lock_guard lock(mutex);
        met = false;
        break;
      }
  });
  EXPECT_TRUE(met) << "the two calls never ran at the same time";
  EXPECT_EQ(seen.size(), 2u);
}

TEST(ForEachIndex, OneThreadRunsInOrderOnTheCaller) {
  std::vector<std::size_t> order;
  const auto caller = std::this_thread::get_id();
  for_each_index(5, 1, [&](std::size_t i) {
    EXPECT_EQ(std::this_thread::get_id(), caller);
    order.push_back(i);
  });
  EXPECT_EQ(order, (std::vector<std::size_t>{0, 1, 2, 3, 4}));
}

TEST(ForEachIndex, TheFirstExceptionReachesTheCallerAfterEveryThreadStopped) {
  std::atomic<int> running{0};
  for (unsigned threads : {1u, 2u, 4u}) {
    try {
      for_each_index(50, threads, [&](std::size_t i) {
        running.fetch_add(1);
        struct Leave {
          std::atomic<int>& r;
          ~Leave() { r.fetch_sub(1); }
        } leave{running};
        if (i == 3) throw std::runtime_error("index 3");
      });
      ADD_FAILURE() << "no exception with " << threads << " threads";
    } catch (const std::runtime_error& e) {
      EXPECT_STREQ(e.what(), "index 3");
      EXPECT_EQ(running.load(), 0) << "a call was still running when the exception reached the caller";
    }
  }
}

TEST(ParallelThreads, NeverMoreThanTheWorkNorLessThanOne) {
  EXPECT_EQ(parallel_threads(0), 1u);
  EXPECT_EQ(parallel_threads(1), 1u);
  EXPECT_LE(parallel_threads(1000), std::max(1u, std::thread::hardware_concurrency()));
  EXPECT_GE(parallel_threads(1000), 1u);
}

}  // namespace

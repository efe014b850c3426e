#pragma once
// for_each_index: fn(0) … fn(n - 1), each once, on up to `threads` threads (the caller's among them). The
// indices are handed out in order, one at a time, so uneven work spreads over the threads. The first exception
// any call throws reaches the caller once every thread has stopped; indices not yet started then are skipped.
// With one thread, or one index, everything runs on the caller's thread in index order.
#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace mockgc::core {

// The threads worth using for `n` independent pieces of work on this machine.
inline unsigned parallel_threads(std::size_t n) {
  return static_cast<unsigned>(std::clamp<std::size_t>(n, 1, std::max(1u, std::thread::hardware_concurrency())));
}

template <class Fn>
void for_each_index(std::size_t n, unsigned threads, Fn&& fn) {
  if (threads < 2 || n < 2) {
    for (std::size_t i = 0; i < n; ++i) fn(i);
    return;
  }
  std::atomic<std::size_t> next{0};
  std::atomic<bool> failed{false};
  std::exception_ptr error;
  std::mutex error_mutex;
  auto work = [&] {
    for (std::size_t i; !failed.load(std::memory_order_relaxed) && (i = next.fetch_add(1)) < n;) {
      try {
        fn(i);
      } catch (...) {
        std::lock_guard lock(error_mutex);
        if (!error) error = std::current_exception();
        failed.store(true, std::memory_order_relaxed);
      }
    }
  };
  {
    std::vector<std::jthread> helpers;
    const auto extra = std::min<std::size_t>(threads, n) - 1;
    helpers.reserve(extra);
    for (std::size_t t = 0; t < extra; ++t) helpers.emplace_back(work);
    work();
  }
  if (error) std::rethrow_exception(error);
}

}  // namespace mockgc::core

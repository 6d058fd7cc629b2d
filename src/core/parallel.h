#pragma once
#include <algorithm>
#include <cstddef>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace prov {

// Threads for `items` pieces of work: `requested` (0: one per core), but no
// more than leaves each thread `min_per_thread` pieces, and at least one.
inline std::size_t thread_count(std::size_t requested, std::size_t items, std::size_t min_per_thread) {
  const std::size_t wanted = requested > 0 ? requested : std::max(1u, std::thread::hardware_concurrency());
  return std::clamp<std::size_t>(wanted, 1, std::max<std::size_t>(1, items / std::max<std::size_t>(1, min_per_thread)));
}

// Calls work(thread) for thread = 0 .. threads-1, thread 0 on the caller, and
// waits for all. The first exception thrown by any of them is rethrown here.
template <typename Work>
void on_threads(std::size_t threads, Work&& work) {
  std::exception_ptr failure;
  std::mutex guard;
  auto guarded = [&](std::size_t t) {
    try {
      work(t);
    } catch (...) {
      std::lock_guard lock(guard);
      if (!failure) failure = std::current_exception();
    }
  };
  {
    std::vector<std::jthread> workers;
    for (std::size_t t = 1; t < threads; ++t) workers.emplace_back(guarded, t);
    guarded(0);
  }
  if (failure) std::rethrow_exception(failure);
}

}  // namespace prov

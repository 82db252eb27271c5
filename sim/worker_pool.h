// A small fixed pool of worker threads that runs one parallel-for at a time. The
// stepping loop uses it for the PE phase of a cycle; callers make the work items
// independent, so the result never depends on which thread runs which item.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace sim {

class WorkerPool {
  public:
    explicit WorkerPool(unsigned threads); // threads >= 2: workers besides the caller
    ~WorkerPool();
    WorkerPool(const WorkerPool&) = delete;
    WorkerPool& operator=(const WorkerPool&) = delete;

    // Calls fn(i) for every i in [0, n) on the caller and the workers; returns when all
    // calls have finished.
    void parallelFor(size_t n, const std::function<void(size_t)>& fn);

  private:
    void workerLoop();
    void drain();

    std::vector<std::thread> workers_;
    std::mutex mutex_;
    std::condition_variable start_, finished_;
    const std::function<void(size_t)>* fn_ = nullptr;
    size_t n_ = 0;
    size_t next_ = 0;
    size_t active_ = 0;
    unsigned generation_ = 0;
    bool quit_ = false;
};

} // namespace sim

// A small fixed pool of worker threads that runs one parallel-for at a time. The
// stepping loop uses it for the PE phase of a cycle; callers make the work items
// independent, so the result never depends on which thread runs which item.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
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

    // Calls fn(begin, end) for consecutive ranges of at most `chunk` items that cover
    // [0, n), on the caller and the workers; returns when all calls have finished. A
    // range is claimed with one atomic add (a lock per range cost more than the visits
    // of small ranges), and a thread that owns a range may look ahead within it.
    void parallelFor(size_t n, size_t chunk, const std::function<void(size_t, size_t)>& fn);

  private:
    struct Job {
        const std::function<void(size_t, size_t)>* fn = nullptr;
        size_t n = 0;
        size_t chunk = 1;
        uint64_t generation = 0; // the low kGenerationBits of generation_
    };
    void workerLoop();
    void drain(const Job& job);

    std::vector<std::thread> workers_;
    std::mutex mutex_;
    std::condition_variable start_, finished_;
    Job job_; // written and copied under mutex_
    // The next unclaimed item in the low 40 bits, the job's generation above them: a
    // worker that wakes after its job ended claims nothing from the next one.
    static constexpr unsigned kIndexBits = 40;
    std::atomic<uint64_t> claim_{0};
    // generation_, readable without the mutex: a worker spins on it briefly after a job,
    // since the next one often comes within microseconds (one per simulated cycle) and a
    // futex sleep and wake-up costs more than a cycle's share of small visits.
    std::atomic<unsigned> published_{0};
    size_t active_ = 0;
    unsigned generation_ = 0;
    bool quit_ = false;
};

} // namespace sim

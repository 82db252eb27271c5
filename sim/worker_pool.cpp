#include "sim/worker_pool.h"

#include <algorithm>
#include <chrono>

namespace sim {

namespace {
// How long a worker waits for the next job before it sleeps: about the serial part of a
// simulated cycle of a busy 100x100 fabric.
constexpr std::chrono::microseconds kSpin{50};

void spinPause() {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause(); // lets the sibling hyperthread run while this one polls
#endif
}
} // namespace

WorkerPool::WorkerPool(unsigned threads) {
    for (unsigned i = 1; i < threads; ++i)
        workers_.emplace_back([this] { workerLoop(); });
}

WorkerPool::~WorkerPool() {
    {
        std::lock_guard lock(mutex_);
        quit_ = true;
    }
    start_.notify_all();
    for (std::thread& t : workers_)
        t.join();
}

void WorkerPool::drain(const Job& job) {
    uint64_t cur = claim_.load(std::memory_order_relaxed);
    while (true) {
        const size_t begin = size_t(cur & ((uint64_t(1) << kIndexBits) - 1));
        if ((cur >> kIndexBits) != job.generation || begin >= job.n)
            return;
        if (!claim_.compare_exchange_weak(cur, cur + job.chunk, std::memory_order_relaxed))
            continue; // cur now holds the current value
        (*job.fn)(begin, std::min(job.n, begin + job.chunk));
        cur = claim_.load(std::memory_order_relaxed);
    }
}

void WorkerPool::workerLoop() {
    unsigned seen = 0;
    while (true) {
        const auto spinEnd = std::chrono::steady_clock::now() + kSpin;
        while (published_.load(std::memory_order_relaxed) == seen &&
               std::chrono::steady_clock::now() < spinEnd)
            spinPause();
        Job job;
        {
            std::unique_lock lock(mutex_);
            start_.wait(lock, [&] { return quit_ || generation_ != seen; });
            if (quit_)
                return;
            seen = generation_;
            job = job_;
            ++active_;
        }
        drain(job);
        {
            std::lock_guard lock(mutex_);
            --active_;
        }
        finished_.notify_all();
    }
}

void WorkerPool::parallelFor(size_t n, size_t chunk,
                             const std::function<void(size_t, size_t)>& fn) {
    Job job;
    {
        std::lock_guard lock(mutex_);
        ++generation_;
        job.fn = &fn;
        job.n = n;
        job.chunk = std::max<size_t>(chunk, 1);
        job.generation = generation_ & ((uint64_t(1) << (64 - kIndexBits)) - 1);
        job_ = job;
        claim_.store(job.generation << kIndexBits, std::memory_order_relaxed);
        published_.store(generation_, std::memory_order_relaxed);
    }
    start_.notify_all();
    drain(job); // returns once every range is claimed
    std::unique_lock lock(mutex_);
    finished_.wait(lock, [&] { return active_ == 0; });
    job_ = Job{};
}

} // namespace sim

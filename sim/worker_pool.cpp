#include "sim/worker_pool.h"

namespace sim {

namespace {
constexpr size_t kChunk = 8; // items taken at a time
}

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

void WorkerPool::drain() {
    while (true) {
        size_t begin;
        {
            std::lock_guard lock(mutex_);
            if (next_ >= n_)
                return;
            begin = next_;
            next_ = std::min(n_, next_ + kChunk);
        }
        const size_t end = std::min(n_, begin + kChunk);
        for (size_t i = begin; i < end; ++i)
            (*fn_)(i);
    }
}

void WorkerPool::workerLoop() {
    unsigned seen = 0;
    while (true) {
        {
            std::unique_lock lock(mutex_);
            start_.wait(lock, [&] { return quit_ || generation_ != seen; });
            if (quit_)
                return;
            seen = generation_;
            ++active_;
        }
        drain();
        {
            std::lock_guard lock(mutex_);
            --active_;
        }
        finished_.notify_all();
    }
}

void WorkerPool::parallelFor(size_t n, const std::function<void(size_t)>& fn) {
    {
        std::lock_guard lock(mutex_);
        fn_ = &fn;
        n_ = n;
        next_ = 0;
        ++generation_;
    }
    start_.notify_all();
    drain();
    std::unique_lock lock(mutex_);
    finished_.wait(lock, [&] { return next_ >= n_ && active_ == 0; });
    fn_ = nullptr;
}

} // namespace sim

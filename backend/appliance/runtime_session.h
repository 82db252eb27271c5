// One SdkRuntime session: a sim::Fabric plus the thread that drives it.
//
// Every operation runs on the session's own thread (the Fabric is single-threaded by
// contract): post() queues a closure there. Host commands are issued to the Fabric in
// the order they arrive; a blocking command runs simulated time until it finishes, a
// nonblocking one is only issued and finishes when a later blocking command, task(),
// or stop() runs time forward. Debug requests (step, breakpoints) are served by the
// same thread whether it is idle or paused inside a run.
#pragma once

#include "backend/appliance/error.h"
#include "sim/fabric.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <variant>
#include <vector>

namespace appliance {

struct SessionOptions {
    std::filesystem::path workspace; // sim.log and core files go here
    unsigned threads = 1;
    bool trace = false;
    uint64_t chunkCycles = 200'000; // cycles between frames / pause checks
    // stop() runs the PEs' remaining work (after the last pending command) for at most this
    // many cycles, so a kernel that never goes idle does not keep stop() from returning.
    uint64_t stopSettleCycles = 1'000'000;
    // The host commands are recorded for trace() while their data (H2D words, arguments)
    // stays below this; past it the record is dropped and trace() says why.
    size_t hostRecordLimitBytes = size_t(64) << 20;
    // A trace() whose sim.log passes this fails (it is held in memory while it streams).
    uint64_t traceLogLimitBytes = uint64_t(256) << 20;
    // The simprint lines kept in memory (sim::FabricOptions::simprintWindowBytes).
    size_t simprintWindowBytes = size_t(64) << 20;
    // A run waits at most this long for a following simprint reader (simprint(),
    // follow) to fetch the lines that would otherwise leave the window; then it goes on.
    std::chrono::milliseconds simprintHoldTimeout{10'000};
};

// Simprint lines fetched from a session (Debug.Simprint).
struct SimprintPage {
    uint64_t firstLine = 0; // index of lines[0]; past the one asked for = lines were released
    uint64_t totalLines = 0;
    size_t windowBytes = 0;
    std::vector<std::string> lines;
};

// A host command as it reached the Fabric and the cycle it was issued at (session_trace.cpp).
struct HostCommandRecord {
    uint64_t cycle = 0;
    bool isMemcpy = false;
    std::string function;        // launch / call
    std::vector<uint32_t> words; // launch arguments or H2D words
    sim::MemcpyRequest memcpy;
    bool cycleStepped; // sim::Fabric::cycleStepped() at the issue
};

struct TraceOptions {
    uint64_t upToCycle = 0; // 0 = the session's current cycle
    // Fabric coordinates; width or height 0 = every PE.
    uint32_t regionX = 0, regionY = 0, regionWidth = 0, regionHeight = 0;
};

struct TraceOutcome {
    uint64_t cycle = 0, sessionCycle = 0;
    size_t commands = 0;
    std::string stopped;
    bool countersChecked = false;
    std::string countersNote;           // why they were not all compared
    std::vector<uint64_t> instructions; // per PE of the rectangle, y*width + x
    std::string log;                    // the (region's) sim.log
};

// A launch argument as the host gave it.
using LaunchValue = std::variant<double, int64_t, bool>;

struct MemcpyArgs {
    bool toDevice = true;
    uint32_t target = 0; // symbol id (copy mode) or color (streaming)
    bool streaming = false;
    int64_t px = 0, py = 0, w = 0, h = 0, elemPerPe = 0;
    bool bits16 = false;
    bool colMajor = false;
    sim::MemcpyShape shape = sim::MemcpyShape::Box;
    int64_t rowStride = 1, colStride = 1;
    std::string_view data; // host to device words, little-endian (not owned)
    std::string hostDtype; // numpy dtype name
    int64_t hostElements = 0;
    bool nonblock = false;
    bool ownChannel = false; // an SdkLayout stream (sim::MemcpyRequest::ownChannel)
};

struct TaskState {
    uint64_t id = 0;
    bool done = false;
    // Device-to-host words once done, as the simulator gave them: the reply or the
    // client's shared memory takes one copy (a 64 MiB string in between cost a fresh
    // allocation, its page faults and a copy per D2H).
    std::vector<uint32_t> words;
};

// A host copy as a frame shows it: pending, or among the last few done.
struct FrameMemcpy {
    sim::MemcpyRequest request;
    bool done = false;
};

struct Frame {
    uint64_t cycle = 0;
    uint32_t width = 0, height = 0;
    std::vector<sim::PeStats> pes;
    std::string status;
    std::string message;
    std::vector<FrameMemcpy> memcpy; // pending copies in issue order, then recent done ones
};

class RuntimeSession {
  public:
    RuntimeSession(std::shared_ptr<const sim::FabricProgram> program, SessionOptions options);
    ~RuntimeSession();
    RuntimeSession(const RuntimeSession&) = delete;
    RuntimeSession& operator=(const RuntimeSession&) = delete;

    // Thread-safe: runs fn on the session thread, in order.
    void post(std::function<void()> fn);
    // Thread-safe, for the appliance's shutdown: a run or step in progress stops, host
    // commands that need simulated time and debug requests (step, breakpoints, fabric
    // reads, dumps) then fail at once with "the session is closing", so nothing waits
    // for this session any more. The thread itself ends with the session.
    void close();

    // ---- on the session thread (throw appliance::Error) ----
    void load();
    void start();
    struct StopResult {
        uint64_t cycle = 0;
        uint64_t simprintLines = 0; // printed in all (simprint() fetches them)
        std::string undelivered;    // sim::Fabric::undeliveredWavelets() after the run
    };
    StopResult stop();
    uint32_t getId(const std::string& name) const;
    TaskState launch(const std::string& symbol, const std::vector<LaunchValue>& args,
                     bool nonblock);
    TaskState call(const std::string& symbol, const std::vector<uint32_t>& args, bool nonblock);
    TaskState memcpy(const MemcpyArgs& args);
    TaskState task(uint64_t id, bool wait);
    std::string readSymbol(uint32_t x, uint32_t y, const std::string& name) const;

    // ---- debug; thread-safe ----
    Frame pause();
    Frame resume();
    Frame step(uint64_t cycles);
    void setBreakpoints(const std::vector<sim::Breakpoint>& breakpoints);
    // Runs fn with the fabric on the session thread between run chunks (a running chunk
    // returns for it and goes on) and waits for it: Debug.WaitStates and Debug.Simprint
    // read the fabric this way (session_analysis.cpp).
    void withFabric(const std::function<void(const sim::Fabric&)>& fn);
    // Simprint lines from `first` on, at most maxLines and (past the first) maxBytes of
    // text, in sim.log's form when simLogForm, taken like withFabric. follow: the caller
    // writes every line and fetches the next ones from the end of this page; until it does,
    // runs stop for it (at most simprintHoldTimeout) before those lines leave the window.
    SimprintPage simprint(uint64_t first, size_t maxLines, size_t maxBytes, bool simLogForm,
                          bool follow);
    // The core dump's bytes, taken like withFabric between run chunks: it works for any
    // client that names the session (the IDE attached to a run.py's session, issue 5),
    // also while the owner's host command runs or is paused, and waits for no command.
    std::string dumpCore();
    // The session's host commands replayed on a fresh traced Fabric to a cycle, on the
    // calling thread (the session goes on): its sim.log, and when the replay reaches the
    // session's cycle, every PE's instruction counter checked against the session's
    // (Code::Internal naming the first PE that differs). Fails with FailedPrecondition
    // when the record was dropped (the reason) and OutOfRange for a region outside the
    // fabric or a cycle past the session's.
    TraceOutcome trace(const TraceOptions& options);
    Frame latestFrame() const;
    // Blocks until a frame newer than `afterCycle`/`afterSerial` exists or the timeout passes.
    Frame waitFrame(uint64_t afterSerial, std::chrono::milliseconds timeout,
                    uint64_t* serial) const;
    // Once close() was called: the session's final frame, after the run chunk in progress
    // (stopped by close) has published its own, waiting at most `settle` for it. Empty
    // while the session is open.
    std::optional<Frame> finalFrame(std::chrono::milliseconds settle) const;
    // Frames carry per-PE stats only while someone watches. Returns the current frame
    // serial; a refreshed frame (with stats) follows shortly after a watcher joins.
    uint64_t addFrameWatcher(int delta);

    const sim::FabricProgram& program() const { return *program_; }

    // ---- liveness, for the appliance's reaper and ListSessions; thread-safe ----
    void touch(); // a client used the session just now
    // No host command queued or running, no frame watcher, and no use for `idle`.
    bool idleFor(std::chrono::steady_clock::duration idle) const;
    std::chrono::steady_clock::duration idleTime() const;
    const char* stateName() const; // "opened" | "loaded" | "running" | "stopped"

  private:
    enum class State { Opened, Loaded, Running, Stopped };
    // A debug request's failure, handed from the session thread to the waiting caller as
    // plain data: an exception_ptr would share one exception object (and the reference-
    // counted string of std::runtime_error) between two threads, which TSan reports.
    struct Failure {
        Code code;
        std::string message;
    };

    void threadMain();
    bool isClosing() const;
    void requireRunning(const char* what) const;
    void requireFabric(const char* what) const;
    const sim::HostSymbol& hostSymbol(const std::string& name, const char* what) const;
    TaskState issue(sim::CommandId command, bool nonblock, bool producesData);
    // Runs until `command` is done (without one: until the fabric is idle), or until the
    // fabric reaches cycle `limit`.
    void runUntil(std::optional<sim::CommandId> command, uint64_t limit = UINT64_MAX);
    // While a following simprint reader holds lines that fill half the window, serves
    // debug requests (its fetch among them) until it moved on, a pause, close(), or
    // simprintHoldTimeout (the hold is then dropped: a reader that stopped reading must
    // not stop the run; its next fetch finds the gap). Returns with the lock held.
    void waitForSimprintReader(std::unique_lock<std::mutex>& lock);
    // Runs fn on the session thread between run chunks and waits for it (withFabric).
    void onSessionThread(const std::function<void(sim::Fabric&)>& fn);
    void serveDebugRequests(std::unique_lock<std::mutex>& lock);
    void publishFrame(const sim::RunResult& result);
    TaskState snapshot(uint64_t taskId);
    // On the session thread: appends a command issued just now, whose data (H2D words,
    // arguments) is `dataBytes`, to the record, or drops the record once it passes the
    // limit. recordKeeps says beforehand whether it will be kept (so a copy too large for
    // the record is not copied for it).
    bool recordKeeps(size_t dataBytes) const;
    void record(HostCommandRecord command, size_t dataBytes);

    std::shared_ptr<const sim::FabricProgram> program_;
    SessionOptions options_;
    std::atomic<State> state_{State::Opened};       // written on the session thread, read anywhere
    std::unique_ptr<sim::Fabric> fabric_;           // created by load(), used on the session thread
    std::atomic<sim::Fabric*> liveFabric_{nullptr}; // for requestStop() from other threads
    std::atomic<bool> inRun_{false}; // a run chunk is executing (requestStop would end it)
    struct Task {
        sim::CommandId command = 0;
        bool producesData = false;
        bool done = false;
        std::vector<uint32_t> words;
    };
    std::map<uint64_t, Task> tasks_;
    uint64_t nextTaskId_ = 1;
    // Set when a run ended in a hang or fault (its first line): no command runs after it,
    // and stop() ends the session without waiting for the commands the device cannot do.
    std::string aborted_;
    // is_task_done polls that found the device stuck, since the last new command: a stuck
    // device may be waiting for the command the script issues next, so a poll reports the
    // hang only after kHangPollsBeforeReport of them with no command in between.
    static constexpr uint32_t kHangPollsBeforeReport = 10000;
    uint32_t hangPolls_ = 0;
    uint64_t hangPollsSinceTask_ = 0;           // nextTaskId_ when hangPolls_ started counting
    std::vector<HostCommandRecord> hostRecord_; // session thread only
    // The host copies frames show (session thread only): pending ones and the last
    // kShownDoneCopies done ones.
    static constexpr size_t kShownCopiesLimit = 64;
    std::vector<std::pair<sim::CommandId, sim::MemcpyRequest>> shownCopies_;
    std::vector<FrameMemcpy> shownCopies(); // prunes shownCopies_
    size_t hostRecordBytes_ = 0;
    std::string hostRecordDropped_; // why the record was dropped; empty = kept
    // The last run ended at its cycle limit (a step, a cycle breakpoint): no PE ran ahead
    // of the session's cycle, so trace() compares every counter exactly. Session thread.
    bool lastRunBounded_ = false;
    void noteRun(const sim::RunResult& r);
    std::atomic<uint64_t> traceSerial_{0};

    mutable std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<std::function<void()>> queue_;
    std::deque<std::function<void()>> debugQueue_;
    bool paused_ = false;
    bool closing_ = false; // close() was called
    // Fabrics of trace() replays running now: close() stops them mid-chunk.
    std::vector<sim::Fabric*> replays_;
    bool chunkUnpublished_ = false; // a run chunk began and has not published its frame
    bool quitting_ = false;
    int frameWatchers_ = 0;
    Frame frame_;
    uint64_t frameSerial_ = 0;
    mutable std::condition_variable frameChanged_;
    std::atomic<int> commandsInFlight_{0}; // posted and not finished
    std::atomic<int64_t> lastUse_;         // steady_clock ticks
    std::thread thread_;
};

} // namespace appliance

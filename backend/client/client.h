// The SDK host API in C++ (names as in the SDK's Python: SdkRuntime.memcpy_h2d, ...),
// speaking to an appliance over gRPC. Header without grpcpp: pass a channel from
// appliance::Appliance::inProcessChannel() (embedded) or connect to an address.
//
// Every failed call throws ClientError carrying the gRPC status code and the
// appliance's message (which names the bad argument). Objects are RAII: an SdkRuntime
// closes its session, an SdkLauncher its job, a FrameSubscription its stream.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <variant>
#include <vector>

namespace grpc {
class Channel;
}

namespace tessera::client {

enum class MemcpyDataType { MEMCPY_32BIT = 0, MEMCPY_16BIT = 1 };
enum class MemcpyOrder { ROW_MAJOR = 0, COL_MAJOR = 1 };

class ClientError : public std::runtime_error {
  public:
    ClientError(int code, const std::string& details);
    int code() const { return code_; } // grpc::StatusCode value
    const std::string& details() const { return details_; }

  private:
    int code_;
    std::string details_;
};

struct ConnectOptions {
    std::string token; // sent as "authorization: Bearer <token>"
    bool disableVersionCheck = false;
};

// A channel plus the version handshake; shared by every object made from it.
class Connection {
  public:
    // address: "unix:PATH" or "HOST:PORT".
    static std::shared_ptr<Connection> connect(const std::string& address,
                                               ConnectOptions options = {});
    static std::shared_ptr<Connection> fromChannel(std::shared_ptr<grpc::Channel> channel,
                                                   ConnectOptions options = {});
    ~Connection();
    const std::string& serverVersion() const;

    struct Impl;
    Impl& impl() const { return *impl_; }

  private:
    explicit Connection(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

struct Task {
    uint64_t id = 0;
};

using LaunchArg = std::variant<float, double, int64_t, int, bool>;

struct RuntimeOptions {
    bool suppressSimfabTrace = true;
    unsigned simfabNumthreads = 0; // 0 = the appliance's default
};

class SdkRuntime {
  public:
    // bindir: the compile output directory (reads bin/out_program.pb).
    SdkRuntime(const std::string& bindir, std::shared_ptr<Connection> connection,
               RuntimeOptions options = {});
    ~SdkRuntime();
    SdkRuntime(const SdkRuntime&) = delete;
    SdkRuntime& operator=(const SdkRuntime&) = delete;

    void load();
    void run();
    uint64_t stop(); // flushes pending work (fills nonblocking D2H buffers); returns the cycle
    uint32_t get_id(const std::string& name);

    Task launch(const std::string& symbol, const std::vector<LaunchArg>& args = {},
                bool nonblock = false);
    Task call(const std::string& symbol, const std::vector<uint32_t>& args = {},
              bool nonblock = false);

    // Host buffers are 32-bit words (16-bit data zero-extended), as in the SDK. A D2H
    // buffer must stay alive until its task is done (task_wait, is_task_done, stop).
    Task memcpy_h2d(uint32_t dest, std::span<const float> src, int px, int py, int w, int h,
                    int elemPerPe, bool streaming = false,
                    MemcpyDataType dataType = MemcpyDataType::MEMCPY_32BIT,
                    MemcpyOrder order = MemcpyOrder::ROW_MAJOR, bool nonblock = false);
    Task memcpy_h2d(uint32_t dest, std::span<const uint32_t> src, int px, int py, int w, int h,
                    int elemPerPe, bool streaming = false,
                    MemcpyDataType dataType = MemcpyDataType::MEMCPY_32BIT,
                    MemcpyOrder order = MemcpyOrder::ROW_MAJOR, bool nonblock = false);
    Task memcpy_h2d_rowbcast(uint32_t dest, std::span<const uint32_t> src, int px, int py, int w,
                             int h, int elemPerPe,
                             MemcpyDataType dataType = MemcpyDataType::MEMCPY_32BIT,
                             bool nonblock = false);
    Task memcpy_h2d_colbcast(uint32_t dest, std::span<const uint32_t> src, int px, int py, int w,
                             int h, int elemPerPe,
                             MemcpyDataType dataType = MemcpyDataType::MEMCPY_32BIT,
                             bool nonblock = false);
    Task memcpy_h2d_stride(uint32_t dest, std::span<const uint32_t> src, int px, int py, int w,
                           int h, int elemPerPe, int rowStride, int colStride,
                           MemcpyDataType dataType = MemcpyDataType::MEMCPY_32BIT,
                           bool nonblock = false);
    Task memcpy_d2h(std::span<float> dest, uint32_t src, int px, int py, int w, int h,
                    int elemPerPe, bool streaming = false,
                    MemcpyDataType dataType = MemcpyDataType::MEMCPY_32BIT,
                    MemcpyOrder order = MemcpyOrder::ROW_MAJOR, bool nonblock = false);
    Task memcpy_d2h(std::span<uint32_t> dest, uint32_t src, int px, int py, int w, int h,
                    int elemPerPe, bool streaming = false,
                    MemcpyDataType dataType = MemcpyDataType::MEMCPY_32BIT,
                    MemcpyOrder order = MemcpyOrder::ROW_MAJOR, bool nonblock = false);

    bool is_task_done(Task task);
    void task_wait(Task task);
    bool is_simulator() const { return true; }
    void dump_core(const std::string& corefile);
    std::vector<uint8_t> read_symbol(uint32_t x, uint32_t y, const std::string& name);
    const std::string& sessionId() const;

    // Async variants for GUIs: the callback runs on a gRPC thread with the error (if
    // any); hop to your own thread from there.
    using Done = std::function<void(std::optional<ClientError>)>;
    void launch_async(const std::string& symbol, const std::vector<LaunchArg>& args, Done done);
    void stop_async(Done done);

    struct Impl;

  private:
    std::unique_ptr<Impl> impl_;
};

struct Diagnostic {
    std::string severity, file, message, formatted;
    uint32_t line = 0, column = 0;
};

// Cancels a compile from another thread (the IDE's Cancel Build, issue 5): the compile
// call ends with ClientError(CANCELLED, "compile: cancelled") and writes nothing to outdir,
// and the appliance's compiler stops within milliseconds. Cancelling before the call
// starts cancels it at once. One object per compile call; thread-safe.
class CompileCancellation {
  public:
    void cancel();
    bool isCancelled() const;

  private:
    friend class SdkCompiler;
    // compile() registers how to cancel its call while it is in flight.
    bool attach(std::function<void()> cancelCall); // false: already cancelled
    void detach();
    mutable std::mutex mutex_;
    bool cancelled_ = false;
    std::function<void()> cancelCall_;
};

class SdkCompiler {
  public:
    explicit SdkCompiler(std::shared_ptr<Connection> connection);
    // Compiles codedir/layout with the cslc argument string on the appliance and writes
    // the artifact to outdir/<-o name>; returns that path. Diagnostics arrive through
    // onDiagnostic as they stream back; a failed compile throws ClientError(FAILED_PRECONDITION
    // value 9) listing the error count. `cancellation` (optional) cancels it from another
    // thread.
    std::string compile(const std::string& codedir, const std::string& layout,
                        const std::string& args, const std::string& outdir,
                        const std::function<void(const Diagnostic&)>& onDiagnostic = {},
                        std::shared_ptr<CompileCancellation> cancellation = {});

  private:
    std::shared_ptr<Connection> connection_;
};

class SdkLauncher {
  public:
    SdkLauncher(const std::string& artifactPath, std::shared_ptr<Connection> connection);
    ~SdkLauncher();
    SdkLauncher(const SdkLauncher&) = delete;
    SdkLauncher& operator=(const SdkLauncher&) = delete;

    void stage(const std::string& path);
    // Runs the command in the job workspace (%CMADDR% = the job's address); returns its
    // output; a nonzero exit throws ClientError with the output.
    std::string run(const std::string& command, unsigned timeoutSeconds = 0);
    void download_artifact(const std::string& name, const std::string& outPath);
    const std::string& cmaddr() const { return cmaddr_; }

  private:
    std::shared_ptr<Connection> connection_;
    std::string job_;
    std::string cmaddr_;
};

struct PeActivity {
    uint64_t instructions = 0, wavelets = 0, stallCycles = 0, taskActivations = 0;
};
// A host copy of the session (pending, or among the last few done), in rectangle
// coordinates.
struct FrameMemcpy {
    bool toDevice = true, streaming = false;
    std::string symbol; // copy mode
    int color = -1;     // streaming mode
    uint32_t x = 0, y = 0, w = 0, h = 0, elementsPerPe = 0;
    bool done = false;
};
struct Frame {
    uint64_t cycle = 0;
    uint32_t width = 0, height = 0;
    std::vector<PeActivity> pes;
    std::string status, message;
    std::vector<FrameMemcpy> memcpy; // pending copies in issue order, then recent done ones
};
struct BreakpointSpec {
    std::string kind; // "task" | "line" | "cycle" | "color" | "symbol"
    uint32_t x = 0, y = 0;
    bool anyPe = false;
    uint32_t value = 0;
    uint32_t file = 0;
    std::string symbol;
};

// What a PE waits for and who holds it (Debug.WaitStates, added for the IDE's stall
// table). Kinds in the order of the proto's PeWaitKind.
enum class WaitKind {
    Wavelets,
    ControlWavelets,
    QueueRoom,
    Fifo,
    Microthread,
    CeQueue,
    RouterSwitch,
    Backpressure,
    OutputQueue,
    CommandStream,
    HostCommand
};
struct PeWait {
    uint32_t x = 0, y = 0; // fabric coordinates
    WaitKind kind = WaitKind::Wavelets;
    int color = -1, queue = -1, task = -1; // -1 = not applicable
    std::string waiter;
    bool hasHolder = false;
    uint32_t holderX = 0, holderY = 0; // fabric coordinates
    std::string holder, reason;
    uint64_t since = 0;
};
struct WaitStates {
    uint64_t cycle = 0;
    std::vector<PeWait> waits;
    bool truncated = false;
};
// simprint lines [firstLine, firstLine + lines.size()) of totalLines so far. The session
// keeps a window of its newest lines (windowBytes of text): a firstLine past the one asked
// for means the lines between were released before this fetch.
struct SimprintLines {
    uint64_t firstLine = 0, totalLines = 0;
    uint64_t windowBytes = 0;
    std::vector<std::string> lines;
};

// Debug.Trace: the session's host commands replayed on a fresh traced fabric.
struct TraceRegion {
    uint32_t x = 0, y = 0, width = 0, height = 0; // fabric coordinates; width 0 = every PE
};
struct TraceResult {
    uint64_t cycle = 0;           // the log covers cycles [0, cycle)
    uint64_t sessionCycle = 0;    // the session's cycle when the replay started
    uint32_t commands = 0;        // host commands replayed
    std::string stopped;          // why the replay stopped early (a fault), else empty
    bool countersChecked = false; // every PE's instructions equal the session's
    std::string countersNote;     // why not (PEs ran ahead of the session's cycle)
    uint32_t width = 0, height = 0;
    std::vector<uint64_t> instructions; // the replay's, per PE of the rectangle (y*width + x)
};

// Stops the frame stream when destroyed.
class FrameSubscription {
  public:
    ~FrameSubscription();
    struct Impl;
    explicit FrameSubscription(std::unique_ptr<Impl> impl);

  private:
    std::unique_ptr<Impl> impl_;
};

// A session open on the appliance (Debug.ListSessions).
struct SessionInfo {
    std::string sessionId;
    std::string clientLabel; // e.g. "cs_python run.py", "C++ SdkRuntime out"
    uint32_t clientPid = 0;  // 0 = unknown
    std::string state;       // "opened" | "loaded" | "running" | "stopped"
    uint64_t openedUnixMs = 0, cycle = 0;
    uint32_t fabricWidth = 0, fabricHeight = 0, offsetX = 0, offsetY = 0, width = 0, height = 0;
};
// Every session open on the appliance, oldest first: how a debugger finds the session a
// run.py opened (match clientPid with the process it started), then attaches a
// DebugSession to its sessionId.
std::vector<SessionInfo> listSessions(const std::shared_ptr<Connection>& connection);

class DebugSession {
  public:
    DebugSession(std::shared_ptr<Connection> connection, std::string sessionId);
    // The session's core dump, whoever opened it (an attached run.py's too), also while
    // its host command runs or is paused: taken between run chunks.
    void dumpCore(const std::string& corefile);
    Frame pause();
    Frame resume();
    Frame step(uint64_t cycles);
    void setBreakpoints(const std::vector<BreakpointSpec>& breakpoints);
    // maxEntries / maxLines 0 = the appliance's default (10000).
    WaitStates waitStates(uint32_t maxEntries = 0);
    SimprintLines simprint(uint64_t firstLine, uint32_t maxLines = 0);
    // Replays the session's host commands with tracing on to upToCycle (0 = its current
    // cycle) and writes the sim.log to logPath (replaced only when the call succeeds). Works
    // for any client's session (an attached run.py): the appliance has its host data.
    TraceResult trace(const std::string& logPath, uint64_t upToCycle = 0,
                      const TraceRegion& region = {});
    // onFrame runs on a reader thread at most every intervalMs. When the session closes,
    // onFrame gets its final frame, then onClosed runs (on the same thread); neither runs
    // after the subscription is destroyed or the connection fails.
    std::unique_ptr<FrameSubscription> subscribe(uint32_t intervalMs,
                                                 std::function<void(const Frame&)> onFrame,
                                                 std::function<void()> onClosed = {});

  private:
    std::shared_ptr<Connection> connection_;
    std::string session_;
};

} // namespace tessera::client

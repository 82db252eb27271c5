// The simulated machine as its hosts see it: load a FabricProgram, queue host
// commands (memcpy, launch) in the order the host issues them, advance time, read
// results and state. The appliance's Runtime and Debug services sit on this API.
//
// Contract (shared with backend/appliance): every method is called from one thread at
// a time; the Fabric may use worker threads internally but results never depend on
// their number. Errors never throw out of run()/step(): they end the run with a
// RunResult whose status says why, and the Fabric stays queryable.
#pragma once

#include "sim/program.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace sim {

struct FabricOptions {
    unsigned threads = 1;          // worker threads for stepping large fabrics
    // With fewer PEs than this to visit in a cycle, its PE phase runs on the calling thread:
    // handing cheap visits to the pool costs more than it saves (a DSD-heavy 32x32 kernel
    // ran 0.82-0.86x on 2 threads at 64, 1.0x at 2,048; docs/benchmarks.md). Tests lower it
    // to make small fabrics step in parallel.
    size_t parallelMinPes = 2048;
    bool simprintToLog = true;     // write <simprint> lines to the log sink
    std::string simLogPath;        // sim.log; empty = keep lines in memory only
    // Added (sim.log streaming): the simprint lines kept in memory are a window of the
    // newest ones, this many bytes of text (plus 4 per line); older lines are released.
    size_t simprintWindowBytes = size_t(64) << 20;
    bool traceLanding = false, traceInstructions = false, traceRouter = false, traceStalls = false;
    uint64_t idleCycleLimit = 1'000'000;  // cycles with no progress before a hang report
};

enum class MemcpyDataType : uint8_t { Bits32, Bits16 };
enum class MemcpyOrder : uint8_t { RowMajor, ColMajor };
enum class MemcpyShape : uint8_t { Box, RowBroadcast, ColBroadcast, Strided };

// One memcpy command. Coordinates are relative to the program rectangle.
struct MemcpyRequest {
    bool toDevice = true;
    bool streaming = false;
    std::string symbol;  // copy mode: host symbol name
    int color = -1;      // streaming mode: the color (the ID given to memcpy)
    uint32_t x = 0, y = 0, w = 1, h = 1;
    uint32_t elementsPerPe = 1;
    MemcpyDataType dataType = MemcpyDataType::Bits32;
    MemcpyOrder order = MemcpyOrder::RowMajor;
    MemcpyShape shape = MemcpyShape::Box;
    uint32_t rowStride = 1, colStride = 1;  // Strided
    // Added (SdkLayout streams): a streaming H2D through an I/O channel of its own, as each
    // SdkLayout input stream has; it neither waits for nor holds other H2D streams.
    bool ownChannel = false;
};

using CommandId = uint64_t;

enum class RunStatus : uint8_t {
    Idle,          // nothing left to do: every queued command finished and no PE has work
    CommandDone,   // the awaited command finished
    CycleLimit,    // stopped after the requested cycles
    Breakpoint,    // a breakpoint matched
    Hang,          // no PE can make progress; report says who waits for what
    Fault,         // a PE faulted (bad address, @assert, unrouted wavelet ...)
    Stopped,       // requestStop() was called
};

struct WaitingPe {
    uint32_t x = 0, y = 0;  // fabric coordinates
    std::string reason;     // e.g. "task recv (id 3) waits for wavelets on color 4, iq 2"
};

struct RunResult {
    RunStatus status = RunStatus::Idle;
    uint64_t cycle = 0;
    std::string message;  // human-readable, names PE, cycle, task, color, file:line
    std::vector<WaitingPe> waiting;
    std::optional<SourceLoc> location;
};

// Cheap per-PE statistics a view can sample at any time.
struct PeStats {
    uint64_t instructions = 0;
    uint64_t wavelets = 0;     // routed through this PE's router
    uint64_t stallCycles = 0;
    uint64_t taskActivations = 0;
};

// One thing a PE waits for at the current cycle and who holds it (Fabric::waitStates).
// Added for the IDE's stall table: unlike RunResult::waiting (a sentence per PE at the
// end of a run) it can be read at any pause, one entry per wait, with the PE that holds
// the resource (the upstream sender that has not delivered, the downstream consumer
// whose queue is full).
struct PeWait {
    enum class Kind : uint8_t {
        Wavelets,        // a DSD op or a data task waits for wavelets on `color`
        ControlWavelets, // an op waits for control wavelets on `color`
        QueueRoom,       // an op waits for room in output queue `queue` (color `color`)
        Fifo,            // an async op waits on a FIFO (empty or full)
        Microthread,     // the main thread waits to start an async op on a busy microthread
        CeQueue,         // wavelets wait in the CE input queue of `color`; `task` is blocked
        RouterSwitch,    // wavelets on `color` wait for a switch position accepting their link
        Backpressure,    // wavelets on `color` wait in the router for room further on
        OutputQueue,     // wavelets wait in output queue `queue` to enter the router
        CommandStream,   // the host command stream waits for unblock_cmd_stream
        HostCommand,     // a host memcpy command waits on this PE
    };
    uint32_t x = 0, y = 0; // fabric coordinates of the waiting PE
    Kind kind = Kind::Wavelets;
    int color = -1, queue = -1, task = -1; // -1 where it does not apply
    std::string waiter;                    // "task 3 (recv) on the main thread", "microthread 2", "router"
    bool hasHolder = false;
    uint32_t holderX = 0, holderY = 0; // fabric coordinates of the holder
    std::string holder;                // what the holder does, e.g. "router holds 2 wavelet(s)"
    std::string reason;                // the wait in one sentence
    uint64_t since = 0;                // cycle the wait began when known (DSD ops), else 0
};

struct Breakpoint {
    enum class Kind : uint8_t { TaskActivation, SourceLine, Cycle, WaveletOnColor, SymbolWrite } kind;
    uint32_t x = 0, y = 0;  // rectangle coordinates (ignored for Cycle)
    bool anyPe = false;
    uint32_t value = 0;     // task id, line, cycle, color
    uint16_t file = 0;      // SourceLine
    std::string symbol;     // SymbolWrite
};

class Fabric {
public:
    explicit Fabric(std::shared_ptr<const FabricProgram> program, FabricOptions options = {});
    ~Fabric();
    Fabric(const Fabric&) = delete;
    Fabric& operator=(const Fabric&) = delete;

    const FabricProgram& program() const;

    // Host commands, executed in simulated time in issue order per PE.
    // Each validates its arguments and throws std::invalid_argument naming the bad one.
    CommandId memcpy(const MemcpyRequest& request, std::vector<uint32_t> hostData = {});
    CommandId launch(const std::string& function, std::vector<uint32_t> args);
    bool isDone(CommandId id) const;
    // The words a finished device-to-host command produced, in the request's order.
    std::vector<uint32_t> takeResult(CommandId id);

    RunResult runUntilDone(CommandId id, uint64_t maxCycles = UINT64_MAX);
    RunResult runUntilIdle(uint64_t maxCycles = UINT64_MAX);
    RunResult step(uint64_t cycles);
    void requestStop();  // thread-safe: makes a running run/step return Stopped

    void addBreakpoint(const Breakpoint& bp);
    void clearBreakpoints();

    uint64_t cycle() const;
    // Added (session 11): whether the events of cycle() have run (a run that ended on a
    // finished command, or idle): a command issued now then starts a cycle later than one
    // issued after a run that stopped at its limit, where cycle() is still to run.
    bool cycleStepped() const;
    // Runs the events up to and including those of `cycle` (at or after cycle()) and
    // leaves cycleStepped() true: how a replay issues a command where the session did.
    RunResult runThrough(uint64_t cycle);
    PeStats stats(uint32_t x, uint32_t y) const;  // rectangle coordinates
    // Bytes of one PE's SRAM (rectangle coordinates); zero where never written.
    std::vector<uint8_t> readMemory(uint32_t x, uint32_t y, uint32_t address, uint32_t size) const;
    // The simprint lines kept now: lines [simprintFirstLine(), simprintLineCount()) of
    // the run (FabricOptions::simprintWindowBytes), "@<cycle> PE(x,y): <text>".
    std::vector<std::string> simprintLines() const;
    // Added (session 12): a simprintLines() line ("@<cycle> PE(x,y): <text>") as sim.log
    // has it, "@<cycle> <text>": the SDK's simulator prepends only the cycle (a program
    // prints its coordinates itself, e.g. with <simprint>'s fmt_with_coords).
    static std::string simLogLine(const std::string& simprintLine);
    // Added (session 11): the wavelets still held in routers, CE input queues and output
    // queues, one line per PE (at most 16), empty when none: what a stop() leaves
    // undelivered, which the host reports instead of losing the data without a word.
    std::string undeliveredWavelets() const;
    // Added for the IDE (sim/fabric_waits.cpp): what every touched PE waits for now, in
    // PE order, at most maxEntries; and simprint lines from index `first` on (at most
    // maxLines), so a client can fetch new lines incrementally.
    std::vector<PeWait> waitStates(size_t maxEntries = 10000) const;
    // Lines printed in all; each line's index counts from the run's first line.
    size_t simprintLineCount() const;
    // Added (sim.log streaming): lines before this one were released from the window.
    // simprintLinesFrom starts at it when `first` lies before it; past the first line it
    // returns at most maxBytes of text.
    size_t simprintFirstLine() const;
    std::vector<std::string> simprintLinesFrom(size_t first, size_t maxLines,
                                               size_t maxBytes = SIZE_MAX) const;
    // Added (sim.log streaming): a reader that writes every line to a file still needs the
    // lines from `line` on. runUntilDone and runUntilIdle (not step) then return Stopped
    // after a cycle in which those lines came to fill half the window, so the reader can
    // fetch them before they are released, and call this again with its new position.
    // SIZE_MAX (the default) = no reader.
    void holdSimprintFrom(size_t line);
    bool simprintHeld() const; // the held lines fill half the window

    // Writes a core dump (docs/coredump.md) of the current state.
    void dumpCore(const std::string& path) const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace sim

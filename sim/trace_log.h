// A windowed reader of a traced run's sim.log (docs/simulator.md, "sim.log"): the IDE's PE
// timeline asks it for one PE's events in a window of cycles and never holds the whole run.
//
// Opening scans the file once and keeps only a sparse index (one entry per block of about
// 64 KiB: byte range and the cycles it spans) plus, per PE, the lanes it has (task ids
// with their function names, colors in and out). A window query reads just the blocks that
// overlap the window; when they exceed a byte budget it reads blocks spread evenly over
// the window and says the result is sampled. Lines are cycle-ordered only roughly (scalar
// code runs ahead of the global cycle, landings are stamped with their arrival), which
// the per-block cycle range absorbs.
//
// Plain C++ (no Qt); the file is opened read-only and stays open, so a log whose directory
// is removed later stays readable. Queries are const and safe from several threads.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace sim {

// One trace event of one PE. Instruction: `task` runs the instruction at `pc` (op and
// function in `text`). WaveletIn: a wavelet of `color` landed at this PE's router from
// link `link` ('N','S','E','W'). WaveletOut: this PE's router sent a wavelet of `color`
// out by link `link` (seen as the landing at the neighbour). Stall: a DSD op stalled or
// the router met backpressure (`color` when named); `text` says which.
struct TraceEvent {
    enum class Kind : uint8_t { Instruction, WaveletIn, WaveletOut, Stall };
    static constexpr int kLaunchTask = -2; // the launched function (sim kTaskLaunch)
    static constexpr int kInitTask = -3;   // the init function
    uint64_t cycle = 0;
    Kind kind = Kind::Instruction;
    int task = -1;  // Instruction: task id, kLaunchTask or kInitTask; else -1
    int color = -1; // wavelets, backpressure stalls; else -1
    char link = 0;  // wavelets
    uint32_t pc = 0;
    std::string text;
};

// What a PE did over the whole log: the lanes a timeline needs before any window is read.
struct TracePeLanes {
    std::map<int, std::string> tasks;     // task id (or kLaunchTask/kInitTask) -> function
    uint32_t colorsIn = 0, colorsOut = 0; // bit c: color c
    bool stalls = false;
    uint64_t instructions = 0, waveletsIn = 0, waveletsOut = 0, stallEvents = 0;
};

struct TraceWindow {
    uint64_t begin = 0, end = 0;    // the cycles asked for, [begin, end)
    std::vector<TraceEvent> events; // in cycle order
    bool sampled = false;           // the window held more than the byte budget
    size_t blocksRead = 0, blocksInWindow = 0;
};

class TraceLog {
  public:
    static constexpr size_t kBlockBytes = 64 * 1024;
    static constexpr size_t kDefaultWindowBytes = 8 * 1024 * 1024;

    // Opens and indexes `path`; throws std::runtime_error naming the file and the line
    // when it cannot be read or a trace line is malformed.
    explicit TraceLog(const std::string& path);
    ~TraceLog();
    TraceLog(const TraceLog&) = delete;
    TraceLog& operator=(const TraceLog&) = delete;

    const std::string& path() const { return path_; }
    uint64_t fileBytes() const { return fileBytes_; }
    size_t lineCount() const { return lines_; }
    size_t blockCount() const { return blocks_.size(); }
    bool empty() const { return !anyEvent_; }
    uint64_t firstCycle() const { return firstCycle_; }
    uint64_t lastCycle() const { return lastCycle_; }
    // Lanes of the PE at fabric coordinates (x, y); empty when it never appears.
    TracePeLanes lanes(uint32_t x, uint32_t y) const;
    // Every PE that appears, as (x, y) fabric coordinates.
    std::vector<std::pair<uint32_t, uint32_t>> pes() const;

    // Events of the PE at fabric (x, y) with begin <= cycle < end, reading at most about
    // maxBytes of the file (more blocks than that: evenly spread ones, sampled = true).
    TraceWindow window(uint32_t x, uint32_t y, uint64_t begin, uint64_t end,
                       size_t maxBytes = kDefaultWindowBytes) const;

  private:
    struct Block {
        uint64_t offset = 0, bytes = 0;
        uint64_t minCycle = UINT64_MAX, maxCycle = 0;
    };
    std::string path_;
    int fd_ = -1;
    uint64_t fileBytes_ = 0;
    size_t lines_ = 0;
    bool anyEvent_ = false;
    uint64_t firstCycle_ = 0, lastCycle_ = 0;
    std::vector<Block> blocks_;
    std::map<uint64_t, TracePeLanes> lanes_; // key: x << 32 | y
};

// Parses one sim.log line. Returns false for lines that are not PE trace events (header,
// simprint); throws std::runtime_error for a trace line it cannot read. On success `x`,
// `y` are the line's PE (fabric coordinates): for a landing, `event` is the WaveletIn at
// (x, y) and `sender` the neighbour that sent it (outX/outY, link it left by).
struct ParsedTraceLine {
    uint32_t x = 0, y = 0;
    TraceEvent event;
    bool hasSender = false;
    uint32_t senderX = 0, senderY = 0;
    char senderLink = 0;
};
bool parseTraceLine(const std::string& line, ParsedTraceLine& out);

} // namespace sim

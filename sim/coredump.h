// Tessera core dumps (format: docs/coredump.md). Fabric::dumpCore writes them with
// writeCoreDump; backend/debug builds debug_util on CoreDumpReader, which maps the
// file read-only and touches only the pages a query needs.
//
// All integers are little-endian; the structures below are the on-disk layout
// (standard layout, no padding surprises: every field is naturally aligned).
#pragma once

#include "sim/program.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace sim {

constexpr std::array<char, 8> kCoreMagic{'T', 'S', 'R', 'C', 'O', 'R', 'E', '\0'};
// Version 2 (additive): CorePeRecord grew extOffset/extBytes, which point at a list of
// per-PE chunks (task profile, queue contents, frames, DSD registers, DSD operations in
// flight, simprint). Readers accept version 1 files (no chunks) and version 2.
constexpr uint32_t kCoreVersion = 2;
constexpr uint32_t kCoreVersionOldest = 1;
constexpr uint32_t kCorePeRecordBytesV1 = 208;
constexpr uint32_t kCorePageBytes = 4096;
constexpr uint32_t kCorePagesPerPe = 12; // 48 KB

struct CoreHeader {
    std::array<char, 8> magic = kCoreMagic;
    uint32_t version = kCoreVersion;
    uint32_t arch = 0; // 0 = wse2, 1 = wse3
    uint32_t fabricWidth = 0, fabricHeight = 0;
    uint32_t offsetX = 0, offsetY = 0;
    uint32_t width = 0, height = 0; // program rectangle
    uint64_t cycle = 0;
    uint32_t peCount = 0;       // width*height, records in y*width+x order
    uint32_t peRecordBytes = 0; // sizeof(CorePeRecord) of the writer
    uint64_t peTableOffset = 0;
    uint64_t dataOffset = 0; // start of the SRAM page area
};
static_assert(sizeof(CoreHeader) == 72);

struct CorePeRecord {
    uint32_t x = 0, y = 0; // rectangle coordinates
    uint32_t codeClass = 0;
    int32_t currentTask = -1; // task running on the main thread; -1 none, -2 launched fn, -3 init
    uint64_t activatedTasks = 0; // bit i: task id i activated
    uint64_t blockedTasks = 0;   // bit i: task id i blocked
    int32_t function = -1;       // innermost frame's function (-1: main thread idle)
    uint32_t pc = 0;             // innermost frame's instruction index
    uint32_t frameDepth = 0;
    uint32_t sramPageMask = 0; // bit p: page p (4 KB) stored; absent pages are zero
    uint64_t sramOffset = 0;   // file offset of the first stored page
    std::array<uint16_t, 24> inputQueueWavelets{}; // CE receive queue fill, per color
    std::array<uint16_t, 8> outputQueueWavelets{};
    std::array<uint16_t, 24> routerWavelets{}; // router buffer fill, per color
    uint32_t pendingCommands = 0;              // host commands not yet finished on this PE
    uint32_t reserved = 0;
    uint64_t instructions = 0, wavelets = 0, stallCycles = 0, taskActivations = 0;
    // Version 2: this PE's chunk list (0 bytes: none). Zero when read from a version 1 file.
    uint64_t extOffset = 0;
    uint32_t extBytes = 0;
    uint32_t extReserved = 0;
};
static_assert(sizeof(CorePeRecord) % 8 == 0);
static_assert(offsetof(CorePeRecord, extOffset) == kCorePeRecordBytesV1);

// A chunk: tag, payload size, payload, padding to 8 bytes. Unknown tags are skipped.
struct CoreChunkHeader {
    uint32_t tag = 0;
    uint32_t bytes = 0;
};
constexpr uint32_t coreTag(const char (&t)[5]) {
    return uint32_t(uint8_t(t[0])) | uint32_t(uint8_t(t[1])) << 8 | uint32_t(uint8_t(t[2])) << 16 |
           uint32_t(uint8_t(t[3])) << 24;
}
constexpr uint32_t kChunkTaskProfile = coreTag("TPRF");     // CoreTaskProfile[]
constexpr uint32_t kChunkQueued = coreTag("QUEU");          // CoreQueuedWavelet[]
constexpr uint32_t kChunkFrames = coreTag("FRAM");          // CoreFrame[], outermost first
constexpr uint32_t kChunkDsdRegisters = coreTag("DSDR");    // CoreDsdRegister[]
constexpr uint32_t kChunkDsdOps = coreTag("DOPS");          // CoreDsdOp[]
constexpr uint32_t kChunkSimprint = coreTag("SPRT");        // text: finished lines, '\n' after each
constexpr uint32_t kChunkSimprintPartial = coreTag("SPRP"); // text: the unfinished line
constexpr uint32_t kChunkThreadState = coreTag("THRD");     // CoreThreadState (one)
constexpr uint32_t kChunkFifos = coreTag("FIFO");           // CoreFifo[]

// Task profile of one task on one PE: tasks that ran at least once.
struct CoreTaskProfile {
    int32_t task = 0; // task id; -2 launched functions, -3 the init function
    uint32_t reserved = 0;
    uint64_t activations = 0;
    uint64_t cycles = 0; // from each start to its return, stalls included, summed
    uint64_t minCycles = 0, maxCycles = 0;
};
static_assert(sizeof(CoreTaskProfile) == 40);

// One wavelet waiting in a queue, front first within its queue.
struct CoreQueuedWavelet {
    enum Where : uint8_t { InputQueue = 0, OutputQueue = 1, Router = 2 };
    uint8_t where = InputQueue;
    uint8_t index = 0; // the color (input queue, router) or the output queue
    uint8_t color = 0; // the wavelet's color
    uint8_t control = 0;
    uint32_t payload = 0;
};
static_assert(sizeof(CoreQueuedWavelet) == 8);

struct CoreFrame {
    int32_t function = -1;
    uint32_t pc = 0; // the next instruction of this frame
};
static_assert(sizeof(CoreFrame) == 8);

// A DSD register of a live frame, in the simulator's 32-byte DSD storage form
// (docs/simulator.md).
struct CoreDsdRegister {
    uint32_t frame = 0; // index into the frames chunk
    uint32_t reg = 0;
    std::array<uint8_t, 32> bytes{};
};
static_assert(sizeof(CoreDsdRegister) == 40);

// A DSD operation in progress: on the main thread (slot 255) or a microthread (0..7).
struct CoreDsdOp {
    uint8_t slot = 255;
    uint8_t waiting = 0; // cannot progress until an external event (wavelet, space)
    uint8_t async = 0;
    uint8_t reserved = 0;
    uint32_t opIndex = 0;         // into the code class's dsdOps
    uint32_t total = 0, done = 0; // elements
    uint32_t line = 0;
    uint16_t file = 0, column = 0;
    uint64_t waitingSince = 0;
};
static_assert(sizeof(CoreDsdOp) == 32);

// Task priorities and paused microthreads (session 14): written when either is set.
struct CoreThreadState {
    uint64_t highPriorityTasks = 0;  // bit t: task id t (or the channel's id) is HIGH
    uint8_t blockedMicrothreads = 0; // bit u: WSE-3 microthread u paused by @block(ut_id)
    std::array<uint8_t, 7> reserved{};
};
static_assert(sizeof(CoreThreadState) == 16);

// A FIFO of the PE's code class (index into CodeClass::fifos) with its fill and pending
// push/pop events (docs/simulator.md, FIFOs).
struct CoreFifo {
    uint32_t index = 0;
    uint32_t head = 0, count = 0; // elements
    uint16_t readLength = 0, writeLength = 0;
    uint8_t emptyEvent = 0; // a pop found it empty: the next push activates .activate_push
    uint8_t fullEvent = 0;  // a push found it full: the next pop activates .activate_pop
    std::array<uint8_t, 6> reserved{};
};
static_assert(sizeof(CoreFifo) == 24);

// The DSD a register holds.
Dsd decodeCoreDsd(const CoreDsdRegister& reg);

// Everything the chunks of one PE hold (empty for version 1 dumps).
struct CorePeDetails {
    std::vector<CoreTaskProfile> tasks;
    std::vector<CoreQueuedWavelet> queued;
    std::vector<CoreFrame> frames;
    std::vector<CoreDsdRegister> dsdRegisters;
    std::vector<CoreDsdOp> dsdOps;
    std::vector<std::string> simprint; // finished lines, "@cycle text"
    std::string simprintPartial;
    std::optional<CoreThreadState> threads;
    std::vector<CoreFifo> fifos;
};

// Serialises a PE's chunks (what writeCoreDump's `extension` returns).
std::vector<uint8_t> encodeCoreChunks(const CorePeDetails& details);

// Writes a dump. `sram(i)` returns PE i's 48 KB (or nullptr for all zero).
// `extension(i)`, when given, returns PE i's chunk bytes (empty: none).
void writeCoreDump(const std::string& path, const CoreHeader& header,
                   const std::vector<CorePeRecord>& pes,
                   const std::function<const uint8_t*(uint32_t)>& sram,
                   const std::function<std::vector<uint8_t>(uint32_t)>& extension = {});

struct Pe;
class SimprintWindow;
// Fabric::dumpCore: the machine's PEs, program and simprint lines as a dump (internal).
// The geometry part of a dump header for `program` (architecture, fabric, rectangle).
CoreHeader coreHeaderOf(const FabricProgram& program);
void writeMachineCore(const std::string& path, const FabricProgram& program, uint64_t cycle,
                      const std::vector<Pe>& pes, const SimprintWindow& simprint);

// Read-only view of a dump file through mmap; throws std::runtime_error naming the
// file and the problem when the file is not a valid dump of a supported version.
// Opening reads only the header: a PE's record, pages and chunks are found by
// arithmetic (the PE table is the per-PE index) and read when a query touches them, so
// the cost of a query does not depend on the size of the dump.
class CoreDumpReader {
  public:
    explicit CoreDumpReader(const std::string& path);
    ~CoreDumpReader();
    CoreDumpReader(const CoreDumpReader&) = delete;
    CoreDumpReader& operator=(const CoreDumpReader&) = delete;

    const CoreHeader& header() const { return header_; }
    const std::string& path() const { return path_; }
    // Rectangle coordinates; throws std::out_of_range outside the rectangle. Fields a
    // version 1 file lacks read as zero.
    CorePeRecord pe(uint32_t x, uint32_t y) const;
    // The PE's code class, read from its record alone (no copy of the whole record).
    uint32_t codeClass(uint32_t x, uint32_t y) const;
    // The PE's chunks; throws std::runtime_error naming the file and PE when they do not
    // fit the file. Empty for version 1 dumps.
    CorePeDetails details(uint32_t x, uint32_t y) const;
    // SRAM bytes of one PE; zero where the dump holds no page. Throws std::out_of_range
    // for addresses beyond 48 KB.
    std::vector<uint8_t> readSram(uint32_t x, uint32_t y, uint32_t address, uint32_t size) const;
    // The same into `out` (size bytes), without allocating: get_symbol_rect copies each
    // PE's bytes straight into its result.
    void readSramInto(uint32_t x, uint32_t y, uint32_t address, uint32_t size, uint8_t* out) const;

  private:
    // The PE's record in the mapping (after the rectangle check).
    const uint8_t* record(uint32_t x, uint32_t y) const;

    std::string path_;
    const uint8_t* base_ = nullptr;
    size_t size_ = 0;
    CoreHeader header_;
};

} // namespace sim

// Tessera core dumps (format: docs/coredump.md). Fabric::dumpCore writes them with
// writeCoreDump; backend/debug builds debug_util on CoreDumpReader, which maps the
// file read-only and touches only the pages a query needs.
//
// All integers are little-endian; the structures below are the on-disk layout
// (standard layout, no padding surprises: every field is naturally aligned).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

namespace sim {

constexpr std::array<char, 8> kCoreMagic{'T', 'S', 'R', 'C', 'O', 'R', 'E', '\0'};
constexpr uint32_t kCoreVersion = 1;
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
};
static_assert(sizeof(CorePeRecord) % 8 == 0);

// Writes a dump. `sram(i)` returns PE i's 48 KB (or nullptr for all zero).
void writeCoreDump(const std::string& path, const CoreHeader& header,
                   const std::vector<CorePeRecord>& pes,
                   const std::function<const uint8_t*(uint32_t)>& sram);

// Read-only view of a dump file through mmap; throws std::runtime_error naming the
// file and the problem when the file is not a valid dump of a supported version.
class CoreDumpReader {
  public:
    explicit CoreDumpReader(const std::string& path);
    ~CoreDumpReader();
    CoreDumpReader(const CoreDumpReader&) = delete;
    CoreDumpReader& operator=(const CoreDumpReader&) = delete;

    const CoreHeader& header() const { return header_; }
    // Rectangle coordinates; throws std::out_of_range outside the rectangle.
    const CorePeRecord& pe(uint32_t x, uint32_t y) const;
    // SRAM bytes of one PE; zero where the dump holds no page. Throws std::out_of_range
    // for addresses beyond 48 KB.
    std::vector<uint8_t> readSram(uint32_t x, uint32_t y, uint32_t address, uint32_t size) const;

  private:
    std::string path_;
    const uint8_t* base_ = nullptr;
    size_t size_ = 0;
    CoreHeader header_;
};

} // namespace sim

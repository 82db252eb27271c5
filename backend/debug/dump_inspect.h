// What the IDE's PE inspector and core dump views read from a dump, in plain C++: task
// tables with names from the program, source locations of frames, typed symbol values,
// <debug> trace keys, symbol heat maps and the differences between two dumps.
// Coordinates here are rectangle coordinates (0,0 = the program rectangle's NW PE).
#pragma once

#include "backend/debug/debug_util.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace debug {

struct TaskRow {
    int id = 0; // 0..63; -2 launched functions, -3 the init function
    std::string function;
    sim::TaskKind kind = sim::TaskKind::None;
    int color = -1;      // data tasks: the color (WSE-2) or -1
    int inputQueue = -1; // data tasks on WSE-3
    bool bound = false, activated = false, blocked = false, running = false;
    bool highPriority = false; // <tile_config>.task_priority HIGH (dump's THRD chunk)
    uint64_t activations = 0, cycles = 0, minCycles = 0, maxCycles = 0; // dump version 2
};

// Every bound task of the PE plus the launched/init pseudo tasks that ran.
std::vector<TaskRow> taskRows(const DebugUtil& dump, uint32_t x, uint32_t y);

// Name of a function of a code class ("?" when out of range).
std::string functionName(const sim::CodeClass& cls, int32_t function);
// Source location of instruction `pc` of `function` (nullopt when unknown).
std::optional<sim::SourceLoc> sourceOf(const sim::CodeClass& cls, int32_t function, uint32_t pc);

struct FrameRow {
    int32_t function = -1;
    uint32_t pc = 0;
    std::optional<sim::SourceLoc> loc;
};
// The main thread's call stack, innermost last. A version 1 dump has only the innermost
// frame. The innermost location is the next instruction; callers are at their call.
std::vector<FrameRow> frameRows(const DebugUtil& dump, uint32_t x, uint32_t y);

// Element `index` of raw bytes of `type` (little-endian) as a double / as text.
double elementValue(sim::ScalarType type, const uint8_t* bytes);
std::string formatElement(sim::ScalarType type, const uint8_t* bytes);

// The symbol of the PE's class covering `address`, or nullptr.
const sim::Symbol* symbolAt(const sim::CodeClass& cls, uint32_t address);
const sim::Symbol* findSymbol(const sim::CodeClass& cls, const std::string& name);

// Keys of the PE's <debug> trace buffers (for DebugUtil::read_trace).
std::vector<std::string> traceKeys(const sim::CodeClass& cls);

// Names of the numeric symbols of any class, sorted, each once.
std::vector<std::string> numericSymbols(const sim::FabricProgram& program);

// The PEs of a symbolGrid whose part of the dump could not be read (a damaged dump).
struct GridFaults {
    static constexpr size_t kListed = 16;
    struct Pe {
        uint32_t x = 0, y = 0; // rectangle coordinates
        std::string error;
    };
    size_t count = 0;      // every unreadable PE
    std::vector<Pe> first; // the first kListed of them, row-major
    // "N PEs could not be read: PE (x,y): why; ... and M more", empty when count is 0.
    std::string message() const;
};

// Element `element` of `symbol` on every PE (row-major, width*height); NaN where the PE's
// class has no such symbol or the symbol is shorter. Every PE is read even when some
// cannot be: those stay NaN and are listed in `faults`; without `faults`, the grid throws
// DebugError naming the dump, the symbol and the unreadable PEs (GridFaults::message).
std::vector<double> symbolGrid(const DebugUtil& dump, const std::string& symbol, uint32_t element,
                               GridFaults* faults = nullptr);

struct SymbolDifference {
    uint32_t x = 0, y = 0;
    std::string symbol;
    sim::ScalarType type = sim::ScalarType::U8;
    uint32_t elements = 0;          // element count of the symbol
    uint32_t firstElement = 0;      // first element that differs
    uint32_t differingElements = 0; // how many differ
    std::string valueA, valueB;     // the first differing element in each dump
};

// The symbols of PE (x, y) whose bytes differ between two dumps of the same program
// (compared by name; a symbol missing in `b` or of another size counts as differing
// everywhere). Throws DebugError when the rectangles differ.
std::vector<SymbolDifference> compareSymbols(const DebugUtil& a, const DebugUtil& b, uint32_t x,
                                             uint32_t y);
// Throws DebugError naming both files when the dumps cannot be compared.
void checkComparable(const DebugUtil& a, const DebugUtil& b);

} // namespace debug

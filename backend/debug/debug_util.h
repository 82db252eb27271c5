// debug_util in C++: symbols and <debug> traces of a finished run, read from its core
// dump (sim/coredump.h) with the symbols of the artifact's program file. Coordinates are
// those Python's debug_util takes (docs/host-api.md, "Coordinates"): absolute fabric
// coordinates for a cslc program, as in the SDK (rectangle (0,0) is the fabric offset);
// layout coordinates for an SdkLayout program (its directory holds sdklayout.json:
// rectangle (0,0) is (0,0), as place(), read_symbol and sim.log name PEs).
#pragma once

#include "sim/coredump.h"
#include "sim/program.h"

#include <cstdint>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <string>
#include <variant>
#include <vector>

namespace debug {

class DebugError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// One decoded <debug> trace entry.
using TraceValue = std::variant<bool, int64_t, uint64_t, double, std::string>;

// Decodes a trace buffer of u16 words: a tag word per entry whose low byte is the
// struct code (? b B h H e i I f t s); ?/b/B carry the value in the tag's high byte,
// h/H/e one more word, i/I/f two, t (48-bit timestamp) three, s a string whose byte
// length is the tag's high byte. Throws DebugError naming the key and word.
std::vector<TraceValue> decodeTrace(const std::vector<uint16_t>& words, const std::string& key);

// How a DebugUtil's get_symbol, get_symbol_rect and read_trace name PEs.
enum class Coordinates {
    Fabric, // absolute fabric coordinates: a cslc program (the SDK's convention)
    Layout, // the program rectangle's own: an SdkLayout program
};

class DebugUtil {
  public:
    // corePath empty: <bindir>/corefile.cs1 (what SdkRuntime.stop() writes). Layout
    // coordinates when bindir holds sdklayout.json (SdkLayout.compile writes it).
    explicit DebugUtil(const std::string& bindir, const std::string& corePath = {});
    // A dump of an already loaded program (the IDE has it from the build).
    DebugUtil(std::shared_ptr<const sim::FabricProgram> program, const std::string& corePath,
              Coordinates coordinates = Coordinates::Fabric);
    ~DebugUtil();

    Coordinates coordinates() const { return coordinates_; }
    // Where rectangle PE (0,0) is in the coordinates get_symbol and read_trace take: the
    // fabric offset, or (0,0) for layout coordinates. Views that hold rectangle
    // coordinates add these (not header().offsetX, which is the fabric offset always).
    uint32_t originX() const;
    uint32_t originY() const;

    const sim::CoreHeader& header() const;
    const sim::FabricProgram& program() const { return *program_; }
    std::shared_ptr<const sim::FabricProgram> programPtr() const { return program_; }
    const sim::CoreDumpReader& core() const { return *core_; }
    // The code class of a PE (rectangle coordinates).
    const sim::CodeClass& classAt(uint32_t x, uint32_t y) const;
    // The symbol's bytes at PE (px, py) (coordinates() says which coordinates).
    std::vector<uint8_t> symbolBytes(uint32_t px, uint32_t py, const std::string& symbol) const;
    template <typename T>
    std::vector<T> get_symbol(uint32_t px, uint32_t py, const std::string& symbol) const {
        auto bytes = symbolBytes(px, py, symbol);
        std::vector<T> out(bytes.size() / sizeof(T));
        if (!out.empty()) // a zero-size symbol: data() may be null
            std::memcpy(out.data(), bytes.data(), out.size() * sizeof(T));
        return out;
    }
    // The symbol's bytes of every PE of a w x h rectangle at (px, py) (coordinates()),
    // columns outermost; each PE contributes its symbol's size rounded down to a multiple
    // of `elementBytes`. A PE outside the rectangle or whose class lacks the symbol: get_symbol's
    // error for the first such PE in that order; a PE whose pages the dump lacks (a damaged
    // dump): DebugError naming it.
    std::vector<uint8_t> symbolRectBytes(uint32_t px, uint32_t py, uint32_t w, uint32_t h,
                                         const std::string& symbol, size_t elementBytes) const;
    // Values of a w x h rectangle starting at (px, py), indexed [col][row][n] (flattened).
    template <typename T>
    std::vector<T> get_symbol_rect(uint32_t px, uint32_t py, uint32_t w, uint32_t h,
                                   const std::string& symbol) const {
        const std::vector<uint8_t> bytes = symbolRectBytes(px, py, w, h, symbol, sizeof(T));
        std::vector<T> out(bytes.size() / sizeof(T));
        if (!out.empty())
            std::memcpy(out.data(), bytes.data(), out.size() * sizeof(T));
        return out;
    }
    std::vector<TraceValue> read_trace(uint32_t px, uint32_t py, const std::string& key) const;

  private:
    void open(const std::string& core, const std::string& programName);
    std::pair<uint32_t, uint32_t> local(uint32_t px, uint32_t py) const;
    const sim::Symbol* findSymbol(uint32_t x, uint32_t y, const std::string& name) const;
    [[noreturn]] void throwNoSymbol(uint32_t px, uint32_t py, uint32_t x, uint32_t y,
                                    const std::string& symbol) const;

    std::shared_ptr<const sim::FabricProgram> program_;
    std::unique_ptr<sim::CoreDumpReader> core_;
    Coordinates coordinates_ = Coordinates::Fabric;
};

} // namespace debug

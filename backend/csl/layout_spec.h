// What an SdkLayout adds to a compiled program (a layout given as data by a host script,
// backend/python/cerebras/sdk/runtime/_sdklayout.py): the host stream channels and
// set_symbol_all data. The layout itself reaches the compiler as generated CSL.
//
// Used by the appliance's Compile service; plain C++ over sim/program.h.
#pragma once

#include "backend/csl/compiler.h"

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace csl {

// The initial value of one PE's symbol (rectangle coordinates).
struct LayoutSymbolInit {
    uint32_t x = 0, y = 0;
    std::string symbol;
    uint32_t elementBytes = 4; // the host array's element size, checked against the symbol
    std::vector<uint8_t> bytes;
};

struct LayoutSpec {
    // Colors of the simulator's host channels (memcpy streaming), -1 = unused.
    std::array<int8_t, 4> streamH2dColors{-1, -1, -1, -1};
    std::array<int8_t, 4> streamD2hColors{-1, -1, -1, -1};
    std::vector<LayoutSymbolInit> symbolInits;
};

// Applies spec to a successful result: the stream colors become the program's memcpy
// streaming colors (memcpy enabled); each PE with symbol data gets its own copy of its code
// class whose initial SRAM holds the data at the symbol's address. A bad entry (PE outside
// the rectangle, unknown symbol, size mismatch) becomes an error diagnostic and result.ok
// turns false.
void applyLayoutSpec(CompileResult& result, const LayoutSpec& spec);

} // namespace csl

// Host-side arrays for memcpy: the element types a host session reads, writes and shows,
// their conversion to and from the 32-bit words memcpy carries, and the two orders
// (ROW_MAJOR, COL_MAJOR) in which an (h, w, elements) block is laid out on the wire.
// Plain C++ (no Qt); values are held as doubles, exact for every supported type.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace hostdata {

// Bad input: the message names the file (and line, column or shape) at fault.
class Error : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

enum class ElementType { F32, I32, U32, F16, I16, U16 };

// "f32", "i16", ...
std::string_view typeName(ElementType type);
// Parses "f32" | "i32" | "u32" | "f16" | "i16" | "u16"; also the element type of an
// exported pointer as out_rpc.json writes it ("[*]f32"). nullopt for anything else.
std::optional<ElementType> parseType(std::string_view name);
// 16 or 32.
int typeBits(ElementType type);

// One memcpy word per value: f32 as its bits, integers as two's complement, 16-bit types
// zero-extended (the SDK's convention). Throws Error naming `what` and the index of the
// first value that is not representable (out of range, or a fraction for an integer type).
std::vector<uint32_t> toWords(const std::vector<double>& values, ElementType type,
                              std::string_view what);
// The inverse: the low 16 bits of each word for 16-bit types.
std::vector<double> fromWords(const std::vector<uint32_t>& words, ElementType type);

// IEEE half precision (round to nearest even), as the simulator stores f16.
uint16_t halfFromDouble(double value);
double doubleFromHalf(uint16_t bits);

// An (h, w, elements) block as memcpy orders it. Logical order is C order of
// (h, w, elements): index (y * w + x) * elements + k, which is ROW_MAJOR's wire order.
// COL_MAJOR's wire order is Fortran order of the same shape: y + x * h + k * h * w.
struct Block {
    int w = 0, h = 0, elements = 0;
    size_t size() const { return size_t(w) * size_t(h) * size_t(elements); }
};
std::vector<double> logicalToColMajor(const std::vector<double>& logical, Block block);
std::vector<double> colMajorToLogical(const std::vector<double>& wire, Block block);

// The shapes of an H2D copy, as SdkRuntime names them: memcpy_h2d (Box),
// memcpy_h2d_rowbcast, memcpy_h2d_colbcast and memcpy_h2d_stride.
enum class CopyShape { Box, RowBroadcast, ColBroadcast, Strided };
struct CopyGeometry {
    CopyShape shape = CopyShape::Box;
    int w = 0, h = 0, elements = 0;   // the ROI in PEs and the elements per PE
    int rowStride = 1, colStride = 1; // Strided: PEs on every rowStride-th row and
                                      // colStride-th column of the ROI, from its corner
};
// The host array a copy of `geometry` reads, as a Block: Box (h, w, n); RowBroadcast
// (h, 1, n), one block per row of PEs, which every PE of that row receives; ColBroadcast
// (1, w, n), one per column; Strided (1 + (h - 1) / rowStride, 1 + (w - 1) / colStride, n).
// Its ROW_MAJOR and COL_MAJOR wire orders are those of any Block (logicalToColMajor).
// Throws Error naming the argument (w, h, elements, row_stride, col_stride) that is not
// positive.
Block hostBlock(const CopyGeometry& geometry);

} // namespace hostdata

// NumPy .npy files (format versions 1.0, 2.0 and 3.0), read and written without numpy.
// Reads little- and big-endian f2/f4/f8, i1/i2/i4/i8, u1/u2/u4/u8 and b1 in C or Fortran
// order; writes version 1.0 in C order. Plain C++ (no Qt).
#pragma once

#include "backend/hostdata/hostarray.h"

#include <cstddef>
#include <string>
#include <vector>

namespace hostdata {

struct NpyArray {
    std::string descr;          // as the header has it, e.g. "<f4"
    std::vector<size_t> shape;  // () for a scalar
    std::vector<double> values; // in C order of `shape`, whatever order the file used
};

// Throws Error naming the file and what is wrong (magic, header, dtype, size).
NpyArray readNpy(const std::string& path);
// Parses the bytes of a whole .npy file; `what` names it in errors.
NpyArray parseNpy(const std::string& bytes, const std::string& what);

// The .npy descr of an element type: "<f4", "<i2", ... (f16 is "<f2").
std::string npyDescr(ElementType type);
// Writes `values` (C order of `shape`) as `type`; throws Error naming the file when it
// cannot be written or a value does not fit the type.
void writeNpy(const std::string& path, const std::vector<size_t>& shape,
              const std::vector<double>& values, ElementType type);
std::string npyBytes(const std::vector<size_t>& shape, const std::vector<double>& values,
                     ElementType type, const std::string& what);

// "(2, 3, 4)", "(5,)", "()" as numpy prints shapes.
std::string shapeText(const std::vector<size_t>& shape);

} // namespace hostdata

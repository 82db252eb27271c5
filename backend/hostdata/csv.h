// Numbers in CSV text: one record per line, fields separated by commas (or semicolons,
// tabs, spaces). Empty lines and lines starting with '#' are skipped. Plain C++ (no Qt).
#pragma once

#include "backend/hostdata/hostarray.h" // Error

#include <cstddef>
#include <string>
#include <vector>

namespace hostdata {

struct CsvNumbers {
    std::vector<double> values; // line after line, field after field
    size_t rows = 0;
    size_t columns = 0; // of the widest row; rows may differ (the caller checks the total)
};

// Throws Error "FILE:LINE:COLUMN: ..." at the first field that is not a number.
CsvNumbers parseCsv(const std::string& text, const std::string& what);
CsvNumbers readCsv(const std::string& path);

// `values` as lines of `perLine` fields (the last line may be shorter); numbers in the
// shortest form that reads back exactly. Throws Error naming the file when it cannot be
// written.
std::string csvText(const std::vector<double>& values, size_t perLine);
void writeCsv(const std::string& path, const std::vector<double>& values, size_t perLine);

} // namespace hostdata

// Whole-file reads and atomic writes for the host data formats; errors name the file.
#pragma once

#include <string>

namespace hostdata {

// Throws Error naming the file when it cannot be read.
std::string readFileBytes(const std::string& path);
// Writes a sibling temporary file and renames it over `path`, so a failed write never
// leaves a truncated file behind; throws Error naming the file.
void writeFileBytes(const std::string& path, const std::string& bytes);

} // namespace hostdata

// Reading a CSL source file from disk, for the compiler and the editor's symbol index.
#pragma once

#include <optional>
#include <string>

namespace csl {

// The text of the regular file at `path`, or nullopt with the reason in *why ("it is a
// directory, not a CSL file", "it is not a regular file", ...). Directories, devices, FIFOs
// and files over 64 MB are refused: the first would read as empty, the others never end.
std::optional<std::string> readSourceFile(const std::string& path, std::string* why = nullptr);

} // namespace csl

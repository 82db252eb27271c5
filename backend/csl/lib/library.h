// The library modules imported with @import_module("<name>"). Most are built in
// (their members lower to simulator builtins); the table below says which exist.
#pragma once

#include <string>

namespace csl::sema {
class Analyzer;
struct Value;
struct Type;
} // namespace csl::sema

namespace csl::lib {

struct LibraryInfo {
    const char* name;
    const char* source;            // CSL source when the library is written in CSL, else nullptr
    const char* prelude = nullptr; // CSL shared by several libraries, appended to source
};

const LibraryInfo* findLibrary(const std::string& name);

// Parses a --params value ("3", "-2", "0x10", "1.5") for a param of type `t`.
sema::Value parseParamValue(sema::Analyzer& a, const std::string& text, const sema::Type* t,
                            uint32_t node);

} // namespace csl::lib

// libFuzzer target for the CSL front and middle end: lexer, parser, comptime
// evaluation, semantic checks and lowering must never crash or hang on any input.
// The input is used as the layout file and as the tile file it may name ("pe.csl").
#include "backend/csl/compiler.h"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string text(reinterpret_cast<const char*>(data), size);
    csl::checkSyntax("fuzz.csl", text);
    csl::CompileOptions o;
    o.layoutFile = "fuzz.csl";
    o.readFile = [&text](const std::string& path) -> std::optional<std::string> {
        if (path == "fuzz.csl" || path == "pe.csl")
            return text;
        return std::nullopt;
    };
    csl::compile(o);
    for (const auto& d : csl::checkSyntax("fuzz.csl", text))
        csl::formatDiagnostic(d, text.substr(0, 80));
    return 0;
}

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
    // A comptime loop that never ends would run for the default 50 M steps (minutes under
    // ASan: a libFuzzer timeout); 20,000 steps are more than the seeds need and stop it with
    // an error at the loop (tests/csl/corpus/layout_runaway_loop.csl: 16 ms in the replay).
    o.maxComptimeSteps = 20'000;
    csl::compile(o);
    for (const auto& d : csl::checkSyntax("fuzz.csl", text))
        csl::formatDiagnostic(d, text.substr(0, 80));
    return 0;
}

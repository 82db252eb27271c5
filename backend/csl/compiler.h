// The CSL compiler as a library: a request in, diagnostics and a program out.
// Used by cslc, the appliance's Compile service and the editor's live diagnostics.
#pragma once

#include "sim/program.h"

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace csl {

enum class Severity : uint8_t { Note, Warning, Error };

struct SourceRange {
    std::string file;    // path as given (relative to the layout file's directory when possible)
    uint32_t line = 0;   // 1-based
    uint32_t column = 0; // 1-based, in bytes
    uint32_t endLine = 0, endColumn = 0;
};

struct Diagnostic {
    Severity severity = Severity::Error;
    SourceRange range;
    std::string message;
    std::vector<Diagnostic> notes;
};

// "file:line:col: error: message" followed by the source line and a caret, clang style.
std::string formatDiagnostic(const Diagnostic& d, const std::string& sourceLine = {});

// How deeply comptime and inline calls nest by default, and the most that may be asked for
// (each level takes C++ stack in the evaluator).
constexpr uint32_t kDefaultCallDepthLimit = 64;
constexpr uint32_t kMaxCallDepthLimit = 256;
// How many iterations an `inline for` in run-time code may unroll unless
// --max-inlined-iterations says otherwise (the SDK's default, quoted by its Libraries page).
constexpr uint32_t kDefaultMaxInlinedIterations = 50;

struct CompileOptions {
    std::string layoutFile; // the top file (layout.csl)
    sim::Arch arch = sim::Arch::Wse2;
    uint32_t fabricWidth = 0, fabricHeight = 0; // 0 = derive (rectangle + memcpy halo)
    uint32_t offsetX = 0, offsetY = 0;
    bool fabricOffsetsGiven = false;
    std::vector<std::pair<std::string, std::string>> params; // --params name:value
    std::vector<std::pair<std::string, std::string>> colors; // --colors name:value
    bool memcpy = false;
    uint32_t channels = 1;
    uint32_t widthWestBuf = 0, widthEastBuf = 0;
    std::string fp16Format = "f16";
    std::vector<std::string> importPaths;
    uint32_t maxInlinedIterations = 0; // 0 = default
    // cslc's --comptime-func-depth-limit (added, SDK 2.10 compiler page): how deeply comptime
    // and inline calls may nest. 0 = the default, kDefaultCallDepthLimit.
    uint32_t comptimeFuncDepthLimit = 0;
    bool warningsAsErrors = false;
    bool verbose = false;
    // Reads a file; lets the editor compile unsaved buffers. Empty = read from disk.
    std::function<std::optional<std::string>(const std::string& path)> readFile;
    // Cooperative cancellation (added for the appliance's cancellable compiles, issue 5):
    // polled between phases, every 65,536 comptime evaluation steps and once per row of
    // PEs in the per-PE work, on the compiling thread. Once it returns true the compile stops
    // within milliseconds and returns ok = false, cancelled = true and one error
    // "compile cancelled". Must be cheap and thread-safe (an atomic flag). Empty = never.
    std::function<bool()> cancelled;
    // Comptime step budget (added for the fuzzer and other callers that must bound a compile,
    // issue 8): at most this many evaluation steps (one per expression evaluated, at comptime
    // or while lowering) in the whole compile. Exceeding it is an error at the innermost
    // comptime loop running (else at the expression), naming the budget. 0 = the default
    // limit: 50,000,000 steps plus 4,000 per PE of the rectangle.
    uint64_t maxComptimeSteps = 0;
    // cslc's --link-section-start-address-bytes=".sec:40960,.sec2:40980" (added, issue 3):
    // globals declared `linksection(".sec")` are placed one after another from that byte
    // address of PE memory; other data is allocated around them.
    std::vector<std::pair<std::string, uint32_t>> linkSectionStartBytes;
};

struct CompileResult {
    bool ok = false;
    std::vector<Diagnostic> diagnostics;
    std::shared_ptr<sim::FabricProgram> program;    // set when ok
    std::map<std::string, std::string> paramValues; // every layout param, as strings (out.json)
    bool cancelled = false; // CompileOptions::cancelled stopped it (added, issue 5)
};

CompileResult compile(const CompileOptions& options);

// Front end only (lex, parse, per-file checks): fast, for live diagnostics in the editor.
std::vector<Diagnostic> checkSyntax(const std::string& file, const std::string& text);

} // namespace csl

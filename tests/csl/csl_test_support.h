// Scaffolding shared by the compiler tests that compile CSL text held in memory and run it
// on the simulator: compile a set of named sources, add the per-architecture data rows,
// launch a function and read an f32 symbol back. Header-only; include from tests/csl only.
#pragma once

#include "backend/csl/compiler.h"
#include "sim/fabric.h"

#include <QTest>

#include <cstdint>
#include <cstring>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace csl_tests {

// Compiles `files` (name -> text) with "layout.csl" as the layout and memcpy on; a file
// asked for as "./name" is looked up as "name".
inline csl::CompileResult compileFiles(std::map<std::string, std::string> files,
                                       sim::Arch arch = sim::Arch::Wse2,
                                       std::vector<std::pair<std::string, std::string>> params = {},
                                       std::function<bool()> cancelled = {}) {
    csl::CompileOptions o;
    o.layoutFile = "layout.csl";
    o.arch = arch;
    o.memcpy = true;
    o.params = std::move(params);
    o.cancelled = std::move(cancelled);
    o.readFile = [files = std::move(files)](const std::string& f) -> std::optional<std::string> {
        const auto it = files.find(f.rfind("./", 0) == 0 ? f.substr(2) : f);
        if (it == files.end())
            return std::nullopt;
        return it->second;
    };
    return csl::compile(o);
}

// Every diagnostic of a compile, formatted, one after another.
inline std::string allDiagnostics(const csl::CompileResult& r) {
    std::string s;
    for (const auto& d : r.diagnostics)
        s += csl::formatDiagnostic(d);
    return s;
}

// The program of a layout.csl + pe.csl compile, or nullptr; the diagnostics go to *diags.
inline std::shared_ptr<sim::FabricProgram> compileProgram(const std::string& layout,
                                                          const std::string& pe, sim::Arch arch,
                                                          std::string* diags) {
    const csl::CompileResult r = compileFiles({{"layout.csl", layout}, {"pe.csl", pe}}, arch);
    *diags = allDiagnostics(r);
    return r.ok ? r.program : nullptr;
}

// A 1x1 rectangle whose PE runs "pe.csl" and exports f32 array "y" and the host-callable
// `computeType` (e.g. "fn(u16)void").
inline std::string onePeLayout(bool yWritable, const std::string& computeType) {
    return R"(
const memcpy = @import_module("<memcpy/get_params>", .{ .width = 1, .height = 1 });
layout {
  @set_rectangle(1, 1);
  @set_tile_code(0, 0, "pe.csl", .{ .memcpy_params = memcpy.get_params(0) });
  @export_name("y", [*]f32, )" +
           std::string(yWritable ? "true" : "false") + R"();
  @export_name("compute", )" +
           computeType + R"();
}
)";
}

// Data rows "wse2" and "wse3" of an int column "arch".
inline void addArchRows() {
    QTest::addColumn<int>("arch");
    QTest::newRow("wse2") << int(sim::Arch::Wse2);
    QTest::newRow("wse3") << int(sim::Arch::Wse3);
}

inline float asFloat(uint32_t bits) {
    float f;
    std::memcpy(&f, &bits, sizeof f);
    return f;
}

inline std::vector<float> asFloats(const std::vector<uint32_t>& words) {
    std::vector<float> out;
    out.reserve(words.size());
    for (uint32_t bits : words)
        out.push_back(asFloat(bits));
    return out;
}

// Launches `function` with `args` on a fresh fabric, then copies `elements` words of f32
// symbol `symbol` from PE (0,0). A run that does not finish is reported with qWarning and
// leaves whatever the copy returns (usually fewer words) for the caller's checks to catch.
inline std::vector<float> launchAndReadF32(std::shared_ptr<sim::FabricProgram> prog,
                                           const std::string& function, std::vector<uint32_t> args,
                                           const std::string& symbol, uint32_t elements,
                                           uint64_t maxCycles) {
    sim::Fabric fabric(std::move(prog));
    auto r = fabric.runUntilDone(fabric.launch(function, std::move(args)), maxCycles);
    if (r.status != sim::RunStatus::CommandDone)
        qWarning("%s", r.message.c_str());
    sim::MemcpyRequest req;
    req.toDevice = false;
    req.symbol = symbol;
    req.elementsPerPe = elements;
    const auto id = fabric.memcpy(req);
    r = fabric.runUntilDone(id, maxCycles);
    if (r.status != sim::RunStatus::CommandDone)
        qWarning("%s", r.message.c_str());
    return asFloats(fabric.takeResult(id));
}

} // namespace csl_tests

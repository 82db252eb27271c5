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
// asked for as "./name" is looked up as "name". fp16Format is cslc's --fp16-format.
inline csl::CompileResult compileFiles(std::map<std::string, std::string> files,
                                       sim::Arch arch = sim::Arch::Wse2,
                                       std::vector<std::pair<std::string, std::string>> params = {},
                                       std::function<bool()> cancelled = {},
                                       std::string fp16Format = "f16") {
    csl::CompileOptions o;
    o.fp16Format = std::move(fp16Format);
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

// A 1x1 rectangle whose PE runs "pe.csl" (memcpy on), with the @export_name lines `exports`.
inline std::string onePeLayoutExporting(const std::string& exports) {
    return R"(
const memcpy = @import_module("<memcpy/get_params>", .{ .width = 1, .height = 1 });
layout {
  @set_rectangle(1, 1);
  @set_tile_code(0, 0, "pe.csl", .{ .memcpy_params = memcpy.get_params(0) });
)" + exports +
           "}\n";
}

// A 1x1 rectangle whose PE runs "pe.csl" and exports array "y" of `yElement` and the
// host-callable `computeType` (e.g. "fn(u16)void").
inline std::string onePeLayout(bool yWritable, const std::string& computeType,
                               const std::string& yElement = "f32") {
    return onePeLayoutExporting("  @export_name(\"y\", [*]" + yElement + ", " +
                                (yWritable ? "true" : "false") +
                                ");\n  @export_name(\"compute\", " + computeType + ");\n");
}

// Tile code on a memcpy layout: param memcpy_params, then `decls` (its other params), the
// memcpy module as sys_mod, `body` (which defines main and ends it by unblocking the command
// stream) and a comptime block that exports main and then runs `comptime`.
inline std::string memcpyTile(const std::string& decls, const std::string& body,
                              const std::string& comptime = "") {
    return "\nparam memcpy_params;\n" + decls +
           "const sys_mod = @import_module(\"<memcpy/memcpy>\", memcpy_params);" + body +
           "comptime {\n  @export_symbol(main);\n" + comptime + "}\n";
}

// The declaration of the color param `c` that most tile files take.
inline const std::string kColorParam = "param c: color;\n";

// A 2x1 rectangle: "send.csl" at (0,0) sends on color c (3) east to "recv.csl" at (1,0); both
// take memcpy_params and c, and the layout exports `yType` y and a `fn()void` compute.
inline std::string eastPairLayout(const std::string& yType) {
    return R"(
const memcpy = @import_module("<memcpy/get_params>", .{ .width = 2, .height = 1 });
const c: color = @get_color(3);
layout {
  @set_rectangle(2, 1);
  @set_tile_code(0, 0, "send.csl", .{ .memcpy_params = memcpy.get_params(0), .c = c });
  @set_tile_code(1, 0, "recv.csl", .{ .memcpy_params = memcpy.get_params(1), .c = c });
  @set_color_config(0, 0, c, .{ .routes = .{ .rx = .{RAMP}, .tx = .{EAST} } });
  @set_color_config(1, 0, c, .{ .routes = .{ .rx = .{WEST}, .tx = .{RAMP} } });
  @export_name("y", [*])" +
           yType + R"(, true);
  @export_name("compute", fn()void);
}
)";
}

// A comptime statement that initializes each (queue, color) pair on WSE-3 only (WSE-2
// queues need no initialization).
inline std::string wse3Queues(const std::vector<std::pair<std::string, std::string>>& queues) {
    std::string init;
    for (const auto& [queue, color] : queues)
        init += "@initialize_queue(" + queue + ", .{ .color = " + color + " }); ";
    return "  if (@is_arch(\"wse3\")) { " + init + "}\n";
}

enum class Blocked { No, Yes };

// Comptime statements binding data task `task` to wavelets of `color`: on WSE-3 through
// input queue `queue` (initialized here), on WSE-2 to the color itself; Blocked::Yes also
// blocks the task until the program unblocks it.
inline std::string dataTask(const std::string& task, const std::string& queue,
                            const std::string& color, Blocked blocked = Blocked::No) {
    const auto bind = [&](const std::string& id) {
        std::string s = "    @bind_data_task(" + task + ", @get_data_task_id(" + id + "));\n";
        if (blocked == Blocked::Yes)
            s += "    @block(" + id + ");\n";
        return s;
    };
    return "  if (@is_arch(\"wse3\")) {\n    @initialize_queue(" + queue +
           ", .{ .color = " + color + " });\n" + bind(queue) + "  } else {\n" + bind(color) +
           "  }\n";
}

// Data rows "wse2" and "wse3" of an int column "arch".
inline void addArchRows() {
    QTest::addColumn<int>("arch");
    QTest::newRow("wse2") << int(sim::Arch::Wse2);
    QTest::newRow("wse3") << int(sim::Arch::Wse3);
}

// Data rows of int columns "index" (into `names`) and "arch": "<name><separator>wse2" and
// "<name><separator>wse3" for each name, those that `runsOn(index, arch)` allows when given.
inline void addIndexedArchRows(const std::vector<std::string>& names, const std::string& separator,
                               const std::function<bool(size_t, sim::Arch)>& runsOn = {}) {
    QTest::addColumn<int>("index");
    QTest::addColumn<int>("arch");
    for (size_t i = 0; i < names.size(); ++i)
        for (auto [archName, arch] :
             {std::pair{"wse2", sim::Arch::Wse2}, std::pair{"wse3", sim::Arch::Wse3}})
            if (!runsOn || runsOn(i, arch))
                QTest::newRow((names[i] + separator + archName).c_str()) << int(i) << int(arch);
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

// Copies `elements` words of symbol `symbol` from PE (x, y) after the commands queued so far;
// empty when the copy does not finish (the message goes to qWarning).
inline std::vector<uint32_t> readSymbol(sim::Fabric& fabric, const std::string& symbol, uint32_t x,
                                        uint32_t y, uint32_t elements, uint64_t maxCycles) {
    sim::MemcpyRequest req;
    req.toDevice = false;
    req.symbol = symbol;
    req.x = x;
    req.y = y;
    req.elementsPerPe = elements;
    const auto id = fabric.memcpy(req);
    const sim::RunResult r = fabric.runUntilDone(id, maxCycles);
    if (r.status != sim::RunStatus::CommandDone) {
        qWarning("%s", r.message.c_str());
        return {};
    }
    return fabric.takeResult(id);
}

// Launches `function` with `args` on a fresh fabric, then copies `elements` words of
// symbol `symbol` from PE (0,0). A run or copy that does not finish leaves its message in
// *error (empty when both finish) and whatever the copy returned.
inline std::vector<uint32_t> launchAndReadWords(std::shared_ptr<sim::FabricProgram> prog,
                                                const std::string& function,
                                                std::vector<uint32_t> args,
                                                const std::string& symbol, uint32_t elements,
                                                uint64_t maxCycles, std::string* error) {
    sim::Fabric fabric(std::move(prog));
    auto r = fabric.runUntilDone(fabric.launch(function, std::move(args)), maxCycles);
    if (r.status != sim::RunStatus::CommandDone)
        *error += r.message;
    sim::MemcpyRequest req;
    req.toDevice = false;
    req.symbol = symbol;
    req.elementsPerPe = elements;
    const auto id = fabric.memcpy(req);
    r = fabric.runUntilDone(id, maxCycles);
    if (r.status != sim::RunStatus::CommandDone)
        *error += r.message;
    return fabric.takeResult(id);
}

// launchAndReadWords of an f32 symbol. A run that does not finish is reported with qWarning
// and leaves whatever the copy returns (usually fewer words) for the caller's checks to catch.
inline std::vector<float> launchAndReadF32(std::shared_ptr<sim::FabricProgram> prog,
                                           const std::string& function, std::vector<uint32_t> args,
                                           const std::string& symbol, uint32_t elements,
                                           uint64_t maxCycles) {
    std::string error;
    const std::vector<uint32_t> words = launchAndReadWords(
        std::move(prog), function, std::move(args), symbol, elements, maxCycles, &error);
    if (!error.empty())
        qWarning("%s", error.c_str());
    return asFloats(words);
}

} // namespace csl_tests

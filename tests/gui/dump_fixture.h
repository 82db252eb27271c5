// Core dumps for the inspector tests, from the bundled grid-reduce example run through
// the simulator API the appliance uses (memcpy alpha, u, v; launch start), plus a one-PE
// program of ours with a <debug> trace and simprint output.
#pragma once

#include "backend/artifact/artifact.h"
#include "backend/csl/compiler.h"
#include "sim/costs.h"
#include "sim/fabric.h"

#include <QDir>
#include <QFile>
#include <QString>

#include <cstring>
#include <memory>
#include <stdexcept>
#include <string>

namespace dumpfixture {

inline std::shared_ptr<sim::FabricProgram> compileOrThrow(csl::CompileOptions o) {
    csl::CompileResult r = csl::compile(o);
    if (!r.ok) {
        std::string text;
        for (const csl::Diagnostic& d : r.diagnostics)
            text += d.message + "\n";
        throw std::runtime_error("compile failed: " + text);
    }
    return r.program;
}

// grid-reduce, 4x4 PEs at fabric offset (4,1) in an 11x6 fabric, written as an artifact
// into outDir (so DebugUtil(outDir) finds bin/out_program.pb).
// `layoutFile` empty: the bundled copy in the source tree.
inline std::shared_ptr<sim::FabricProgram> buildGridReduce(const QString& outDir,
                                                           const QString& layoutFile = {}) {
    csl::CompileOptions o;
    o.layoutFile = layoutFile.isEmpty() ? std::string(TESSERA_SOURCE_DIR
                                                      "/resources/examples/grid-reduce/layout.csl")
                                        : layoutFile.toStdString();
    o.fabricWidth = 11;
    o.fabricHeight = 6;
    o.offsetX = 4;
    o.offsetY = 1;
    o.fabricOffsetsGiven = true;
    o.params = {{"width", "4"}, {"height", "4"}, {"slice_len", "16"}};
    o.memcpy = true;
    auto program = compileOrThrow(o);
    artifact::writeArtifact(outDir.toStdString(), *program, {});
    return program;
}

// Runs grid-reduce with u[i] = v[i] = (i+1)/16 on every PE and the given alpha, and dumps
// it to `path`. With `cycleLimit`, the run stops (as a paused session would) after that
// many cycles of the launched function, before it has finished.
// Cycles from a launch's issue until the launched function starts on the PE (the trip a
// host command makes through the memcpy infrastructure).
constexpr uint64_t kLaunchArrival = sim::costs::kMemcpyCopyLatency + sim::costs::kLaunchSetup;

// cycleLimit: 0 runs to the end; else the launched function runs about that many cycles.
inline void runGridReduce(std::shared_ptr<sim::FabricProgram> program, const QString& path,
                          float alpha, uint64_t cycleLimit = 0) {
    sim::Fabric fabric(program);
    auto words = [](const std::vector<float>& v) {
        std::vector<uint32_t> w(v.size());
        std::memcpy(w.data(), v.data(), v.size() * 4);
        return w;
    };
    sim::MemcpyRequest r;
    r.symbol = "alpha";
    fabric.runUntilDone(fabric.memcpy(r, words({alpha})));
    std::vector<float> slice(16 * 16);
    for (size_t i = 0; i < slice.size(); ++i)
        slice[i] = float(i % 16 + 1) / 16.0f;
    r.w = 4;
    r.h = 4;
    r.elementsPerPe = 16;
    for (const char* name : {"u", "v"}) {
        r.symbol = name;
        fabric.runUntilDone(fabric.memcpy(r, words(slice)));
    }
    const sim::CommandId start = fabric.launch("start", {});
    const sim::RunResult result = cycleLimit
                                      ? fabric.runUntilDone(start, kLaunchArrival + cycleLimit)
                                      : fabric.runUntilDone(start);
    if (result.status == sim::RunStatus::Hang || result.status == sim::RunStatus::Fault)
        throw std::runtime_error("grid-reduce failed: " + result.message);
    fabric.dumpCore(path.toStdString());
}

// One PE with a <debug> trace ("log") and simprint lines.
inline std::shared_ptr<sim::FabricProgram> buildTracer(const QString& codeDir,
                                                       const QString& outDir) {
    QDir().mkpath(codeDir);
    auto write = [&](const char* name, const char* text) {
        QFile f(codeDir + QLatin1Char('/') + QLatin1String(name));
        if (!f.open(QIODevice::WriteOnly))
            throw std::runtime_error("cannot write the tracer program");
        f.write(text);
    };
    write("layout.csl", R"(
const memcpy = @import_module("<memcpy/get_params>", .{ .width = 1, .height = 1 });
layout {
  @set_rectangle(1, 1);
  @set_tile_code(0, 0, "tracer.csl", .{ .memcpy_params = memcpy.get_params(0) });
  @export_name("go", fn()void);
}
)");
    write("tracer.csl", R"(
param memcpy_params;
const sys_mod = @import_module("<memcpy/memcpy>", memcpy_params);
const trace = @import_module("<debug>", .{ .key = "steps", .buffer_size = 32 });
const sp = @import_module("<simprint>");
var counter: u32 = 0;
fn go() void {
  trace.trace_string("start");
  var i: u16 = 0;
  while (i < 3) : (i += 1) {
    counter += 7;
    trace.trace_u16(i);
  }
  trace.trace_f32(2.5);
  sp.print_string("counter is ");
  sp.print_u32_decimal(counter);
  sp.print_newline();
  sp.print_string("done");
  sys_mod.unblock_cmd_stream();
}
comptime { @export_symbol(go); }
)");
    csl::CompileOptions o;
    o.layoutFile = (codeDir + QStringLiteral("/layout.csl")).toStdString();
    o.memcpy = true;
    auto program = compileOrThrow(o);
    artifact::writeArtifact(outDir.toStdString(), *program, {});
    return program;
}

inline void runTracer(std::shared_ptr<sim::FabricProgram> program, const QString& path) {
    sim::Fabric fabric(program);
    fabric.runUntilDone(fabric.launch("go", {}));
    fabric.dumpCore(path.toStdString());
}

} // namespace dumpfixture

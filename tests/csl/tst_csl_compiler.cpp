// Unit tests of the compiler library: front end, diagnostics formatting and the
// FabricProgram produced for small programs written for these tests.
#include "backend/csl/compiler.h"

#include <QDir>
#include <QTest>

#include <algorithm>
#include <chrono>
#include <map>

namespace {

csl::CompileResult compileFiles(std::map<std::string, std::string> files,
                                sim::Arch arch = sim::Arch::Wse2, bool memcpy = true) {
    csl::CompileOptions o;
    o.layoutFile = "layout.csl";
    o.arch = arch;
    o.memcpy = memcpy;
    if (memcpy) { // the SDK tutorials' geometry; otherwise derived from the rectangle
        o.fabricWidth = 8;
        o.fabricHeight = 3;
        o.offsetX = 4;
        o.offsetY = 1;
        o.fabricOffsetsGiven = true;
    }
    o.readFile = [files](const std::string& f) -> std::optional<std::string> {
        std::string k = f.rfind("./", 0) == 0 ? f.substr(2) : f;
        auto it = files.find(k);
        if (it == files.end())
            return std::nullopt;
        return it->second;
    };
    return csl::compile(o);
}

std::string allDiagnostics(const csl::CompileResult& r) {
    std::string s;
    for (const auto& d : r.diagnostics)
        s += csl::formatDiagnostic(d);
    return s;
}

// Our own one-PE matrix-vector program in the shape of the first SDK tutorial.
const char* kGemvLayout = R"(
const memcpy = @import_module("<memcpy/get_params>", .{ .width = 1, .height = 1 });
layout {
  @set_rectangle(1, 1);
  @set_tile_code(0, 0, "pe.csl", .{ .memcpy_params = memcpy.get_params(0) });
  @export_name("result", [*]f32, false);
  @export_name("run", fn()void);
}
)";
const char* kGemvPe = R"(
param memcpy_params;
const sys_mod = @import_module("<memcpy/memcpy>", memcpy_params);
const rows: i16 = 3;
const cols: i16 = 5;
var mat: [rows*cols]f32;
var vec: [cols]f32;
var result: [rows]f32;
const result_ptr: [*]f32 = &result;
fn fill() void {
  for (@range(i16, rows*cols)) |k| {
    mat[k] = @as(f32, k);
  }
  var j: i16 = 0;
  while (j < cols) : (j += 1) {
    vec[j] = 2.0;
  }
}
fn multiply() void {
  for (@range(i16, rows)) |r| {
    var acc: f32 = 0.0;
    for (@range(i16, cols)) |c| {
      acc += mat[r*cols + c] * vec[c];
    }
    result[r] = acc;
  }
}
fn run() void {
  fill();
  multiply();
  sys_mod.unblock_cmd_stream();
}
comptime {
  @export_symbol(result_ptr, "result");
  @export_symbol(run);
}
)";

const sim::Function* findFn(const sim::CodeClass& c, const std::string& name) {
    for (const auto& f : c.functions) {
        if (f.name == name)
            return &f;
    }
    return nullptr;
}

const sim::Symbol* findSym(const sim::CodeClass& c, const std::string& name) {
    for (const auto& s : c.symbols) {
        if (s.name == name)
            return &s;
    }
    return nullptr;
}

} // namespace

class TstCslCompiler : public QObject {
    Q_OBJECT
  private slots:
    void syntaxCleanFile() {
        QVERIFY(csl::checkSyntax("a.csl", "const x: i16 = 3;\nfn f() void {}\n").empty());
    }
    void syntaxErrorPositionAndRecovery() {
        auto d = csl::checkSyntax("a.csl", "const x = ;\nfn f() void {\n  var y = 1 +;\n}\n");
        QCOMPARE(d.size(), size_t(2));
        QCOMPARE(d[0].range.line, 1u);
        QCOMPARE(d[0].range.column, 11u);
        QCOMPARE(d[0].message, std::string("expected an expression, found ';'"));
        QCOMPARE(d[1].range.line, 3u);
        QCOMPARE(d[1].range.column, 14u);
    }
    // Bad input an editor or a script may hand the compiler (session 8 audit): a generated
    // 20,000-term sum and `and` chain (a stack overflow before), a binary file, bytes that
    // start no token (shown in hex, once per run), a directory and a device as sources.
    void longOperatorChainsCompile() {
        std::string sum = "1", all = "b";
        for (int i = 1; i < 20000; ++i) {
            sum += " + 1";
            all += " and b";
        }
        const csl::CompileResult r = compileFiles(
            {{"layout.csl", "layout { @set_rectangle(1, 1); @set_tile_code(0, 0, \"pe.csl\", "
                            ".{}); }\n"},
             {"pe.csl", "const total: i32 = " + sum +
                            ";\nvar b: bool = true;\nvar x: i32 = 0;\n"
                            "task t() void { x = total; b = " +
                            all +
                            "; }\n"
                            "comptime { @bind_local_task(t, @get_local_task_id(9)); }\n"}},
            sim::Arch::Wse2, false);
        QVERIFY2(r.ok, allDiagnostics(r).c_str());
    }
    // Globals may be used before their declaration; a generated chain of them nests one
    // resolution inside the next: 3000 overflowed the stack (SIGSEGV), 900 must compile.
    void longForwardDeclarationChains() {
        const auto chain = [](int n) {
            std::string src;
            for (int i = 0; i < n; ++i)
                src +=
                    "const c" + std::to_string(i) + ": i32 = c" + std::to_string(i + 1) + " + 1;\n";
            return src + "const c" + std::to_string(n) + ": i32 = 0;\nvar use: i32 = c0;\n";
        };
        const std::string layout =
            "layout { @set_rectangle(1, 1); @set_tile_code(0, 0, \"pe.csl\", .{}); }\n";
        csl::CompileResult r =
            compileFiles({{"layout.csl", layout}, {"pe.csl", chain(900)}}, sim::Arch::Wse2, false);
        QVERIFY2(r.ok, allDiagnostics(r).c_str());
        r = compileFiles({{"layout.csl", layout}, {"pe.csl", chain(3000)}}, sim::Arch::Wse2, false);
        QVERIFY(!r.ok);
        QVERIFY2(allDiagnostics(r).find("pe.csl:1000:19: error: declarations depend on each "
                                        "other more than 1000 deep (here 'c1000')") !=
                     std::string::npos,
                 allDiagnostics(r).c_str());
    }
    // cslc's --comptime-func-depth-limit (SDK 2.10 compiler page): 100 nested comptime calls
    // need more than the default 64.
    void comptimeCallDepthLimit() {
        const std::map<std::string, std::string> files = {
            {"layout.csl", "layout { @set_rectangle(1, 1); @set_tile_code(0, 0, \"pe.csl\", "
                           ".{}); }\n"},
            {"pe.csl", "fn depth(n: u32) u32 { if (n == 0) return 0; return depth(n - 1) + 1; }\n"
                       "var r: u32 = depth(100);\ntask t() void { r += 1; }\n"
                       "comptime { @bind_local_task(t, @get_local_task_id(9)); }\n"}};
        csl::CompileResult r = compileFiles(files, sim::Arch::Wse2, false);
        QVERIFY(!r.ok);
        QVERIFY2(allDiagnostics(r).find("nested too deeply (more than 64 calls") !=
                     std::string::npos,
                 allDiagnostics(r).c_str());
        csl::CompileOptions o;
        o.layoutFile = "layout.csl";
        o.comptimeFuncDepthLimit = 200;
        o.readFile = [files](const std::string& f) -> std::optional<std::string> {
            const auto it = files.find(f.rfind("./", 0) == 0 ? f.substr(2) : f);
            return it == files.end() ? std::nullopt : std::optional<std::string>(it->second);
        };
        r = csl::compile(o);
        QVERIFY2(r.ok, allDiagnostics(r).c_str());
    }
    void binaryAndNonTokenBytes() {
        const std::string binary("\x7f"
                                 "ELF\x02\x01\0\0garbage",
                                 14);
        auto d = csl::checkSyntax("a.csl", binary);
        QCOMPARE(d.size(), size_t(1));
        QCOMPARE(d[0].message,
                 std::string("this is not a text file (it has a NUL byte); a CSL source is text"));
        d = csl::checkSyntax("a.csl", "const x = 1;\n\xc7\xc8 const y = 2;\n");
        QCOMPARE(d.size(), size_t(1));
        QCOMPARE(d[0].message, std::string("invalid characters '\\xc7\\xc8'"));
        QCOMPARE(d[0].range.line, 2u);
    }
    void directoryAndDeviceSources() {
        csl::CompileOptions o;
        o.layoutFile = QDir::tempPath().toStdString();
        csl::CompileResult r = csl::compile(o);
        QVERIFY(!r.ok);
        QVERIFY2(allDiagnostics(r).find("it is a directory, not a CSL file") != std::string::npos,
                 allDiagnostics(r).c_str());
        o.layoutFile = "/dev/zero";
        r = csl::compile(o);
        QVERIFY(!r.ok);
        QVERIFY2(allDiagnostics(r).find("cannot read file '/dev/zero': it is not a regular file") !=
                     std::string::npos,
                 allDiagnostics(r).c_str());
    }
    void formatDiagnosticClangStyle() {
        csl::Diagnostic d;
        d.range = {"pe.csl", 2, 5, 2, 8};
        d.message = "use of undeclared identifier 'abc'";
        std::string s = csl::formatDiagnostic(d, "  x=abc;");
        QCOMPARE(s, std::string("pe.csl:2:5: error: use of undeclared identifier 'abc'\n"
                                "  x=abc;\n"
                                "    ^~~\n"));
    }
    void gemvProgramStructure() {
        auto r = compileFiles({{"layout.csl", kGemvLayout}, {"pe.csl", kGemvPe}});
        QVERIFY2(r.ok, allDiagnostics(r).c_str());
        const sim::FabricProgram& p = *r.program;
        QCOMPARE(p.width, 1u);
        QCOMPARE(p.height, 1u);
        QCOMPARE(p.fabricWidth, 8u);
        QCOMPARE(p.offsetX, 4u);
        QCOMPARE(p.classes.size(), size_t(1));
        QCOMPARE(p.pes.size(), size_t(1));
        QVERIFY(p.memcpy.enabled);
        const sim::CodeClass& c = p.classes[0];
        QCOMPARE(c.file, std::string("pe.csl"));
        // Functions: run, fill, multiply (lowered once each).
        QVERIFY(findFn(c, "run") && findFn(c, "fill") && findFn(c, "multiply"));
        // Symbols live at real SRAM addresses, without overlap.
        const sim::Symbol* mat = findSym(c, "mat");
        const sim::Symbol* vec = findSym(c, "vec");
        const sim::Symbol* res = findSym(c, "result");
        QVERIFY(mat && vec && res);
        QCOMPARE(mat->sizeBytes, 60u);
        QCOMPARE(vec->sizeBytes, 20u);
        QCOMPARE(res->sizeBytes, 12u);
        QCOMPARE(res->elementType, sim::ScalarType::F32);
        QCOMPARE(res->elementCount, 3u);
        std::vector<std::pair<uint32_t, uint32_t>> spans;
        for (const auto& s : c.symbols)
            spans.push_back({s.address, s.address + s.sizeBytes});
        std::sort(spans.begin(), spans.end());
        for (size_t i = 1; i < spans.size(); ++i)
            QVERIFY(spans[i].first >= spans[i - 1].second);
        QVERIFY(c.memoryBytes >= 92u && c.memoryBytes <= sim::kPeMemoryBytes);
        // Exports: the variable export holds the address of `result`.
        QCOMPARE(c.exports.size(), size_t(2));
        auto ex = std::find_if(c.exports.begin(), c.exports.end(),
                               [](const sim::ClassExport& e) { return e.name == "result"; });
        QVERIFY(ex != c.exports.end());
        QVERIFY(!ex->isFunction);
        QCOMPARE(ex->address, res->address);
        auto fx = std::find_if(c.exports.begin(), c.exports.end(),
                               [](const sim::ClassExport& e) { return e.name == "run"; });
        QVERIFY(fx != c.exports.end() && fx->isFunction);
        QCOMPARE(c.functions[size_t(fx->function)].name, std::string("run"));
        // Host symbols in declaration order, as out_rpc.json lists them.
        QCOMPARE(p.hostSymbols.size(), size_t(2));
        QCOMPARE(p.hostSymbols[0].name, std::string("result"));
        QCOMPARE(p.hostSymbols[0].id, uint16_t(0));
        QCOMPARE(p.hostSymbols[0].kind, sim::HostSymbol::Kind::Var);
        QCOMPARE(p.hostSymbols[0].elementType, sim::ScalarType::F32);
        QVERIFY(!p.hostSymbols[0].mutableFromHost);
        QCOMPARE(p.hostSymbols[1].name, std::string("run"));
        QCOMPARE(p.hostSymbols[1].kind, sim::HostSymbol::Kind::Func);
        QVERIFY(p.hostSymbols[1].inputs.empty());
        // run calls fill and multiply, then unblocks the command stream.
        const sim::Function* run = findFn(c, "run");
        int calls = 0;
        bool unblock = false;
        for (const auto& in : run->code) {
            calls += in.op == sim::Op::Call;
            unblock = unblock || (in.op == sim::Op::Builtin &&
                                  in.imm == int32_t(sim::BuiltinId::UnblockCmdStream));
        }
        QCOMPARE(calls, 2);
        QVERIFY(unblock);
        QCOMPARE(run->code.back().op, sim::Op::Return);
        // multiply stores f32 into `result` and has a source location for every instruction.
        const sim::Function* mul = findFn(c, "multiply");
        QCOMPARE(mul->locs.size(), mul->code.size());
        bool storesResult = false;
        for (const auto& in : mul->code) {
            storesResult =
                storesResult || (in.op == sim::Op::Store && in.type == sim::ScalarType::F32 &&
                                 uint32_t(in.imm) == res->address);
            QVERIFY(in.op != sim::Op::Jump || size_t(in.imm) <= mul->code.size());
        }
        QVERIFY(storesResult);
        for (const auto& l : mul->locs)
            QVERIFY(l.line > 0);
        QVERIFY(std::find(p.sourceFiles.begin(), p.sourceFiles.end(), "pe.csl") !=
                p.sourceFiles.end());
    }
    void dsdOpsAndTasks() {
        const char* pe = R"(
param memcpy_params;
const sys_mod = @import_module("<memcpy/memcpy>", memcpy_params);
var a: [8]f32;
var b: [8]f32;
const a_dsd = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{8} -> a[i] });
var b_dsd = @get_dsd(mem1d_dsd, .{ .base_address = &b, .extent = 4, .stride = 2 });
const done_id = @get_local_task_id(10);
task done() void { sys_mod.unblock_cmd_stream(); }
fn run() void {
  @fmacs(a_dsd, a_dsd, b_dsd, 3.0);
  b_dsd = @increment_dsd_offset(b_dsd, 1, f32);
  @activate(done_id);
}
comptime {
  @bind_local_task(done, done_id);
  @export_symbol(run);
}
)";
        std::string layout = kGemvLayout;
        layout.replace(layout.find("  @export_name(\"result\", [*]f32, false);\n"),
                       std::string("  @export_name(\"result\", [*]f32, false);\n").size(), "");
        auto r = compileFiles({{"layout.csl", layout}, {"pe.csl", pe}});
        QVERIFY2(r.ok, allDiagnostics(r).c_str());
        const sim::CodeClass& c = r.program->classes[0];
        QCOMPARE(c.tasks[10].kind, sim::TaskKind::Local);
        QCOMPARE(c.functions[size_t(c.tasks[10].function)].name, std::string("done"));
        QCOMPARE(c.dsdOps.size(), size_t(1));
        QCOMPARE(c.dsdOps[0].op, sim::DsdOpKind::Fmacs);
        QCOMPARE(c.dsdOps[0].src2.kind, sim::DsdOperand::Kind::Scalar);
        const sim::Symbol* a = findSym(c, "a");
        const sim::Symbol* b = findSym(c, "b");
        bool foundA = false, foundB = false;
        for (const sim::Dsd& d : c.dsdConstants) {
            if (d.baseAddress == a->address && d.extent[0] == 8 && d.strideBytes[0] == 4)
                foundA = true;
            if (d.baseAddress == b->address && d.extent[0] == 4 && d.strideBytes[0] == 8)
                foundB = true;
        }
        QVERIFY(foundA);
        QVERIFY(foundB); // the var DSD is stored by the init function
        QVERIFY(c.initFunction >= 0);
        bool stores = false;
        for (const auto& in : c.functions[size_t(c.initFunction)].code)
            stores = stores || in.op == sim::Op::DsdStore;
        QVERIFY(stores);
    }
    void perPeParamsMakeClasses() {
        const char* layout = R"(
layout {
  @set_rectangle(3, 1);
  for (@range(u16, 3)) |x| {
    @set_tile_code(x, 0, "pe.csl", .{ .first = x == 0 });
  }
}
)";
        const char* pe = "param first: bool;\nvar v: [if (first) 4 else 2]f32;\n";
        auto r = compileFiles({{"layout.csl", layout}, {"pe.csl", pe}}, sim::Arch::Wse3, false);
        QVERIFY2(r.ok, allDiagnostics(r).c_str());
        QCOMPARE(r.program->classes.size(), size_t(2));
        QCOMPARE(r.program->pes[0].codeClass, 0u);
        QCOMPARE(r.program->pes[1].codeClass, 1u);
        QCOMPARE(r.program->pes[2].codeClass, 1u);
        QCOMPARE(r.program->arch, sim::Arch::Wse3);
    }
    void routesReachPes() {
        const char* layout = R"(
layout {
  @set_rectangle(2, 1);
  @set_tile_code(0, 0, "pe.csl", .{});
  @set_tile_code(1, 0, "pe.csl", .{});
  @set_color_config(0, 0, @get_color(4), .{ .routes = .{ .rx = .{ RAMP }, .tx = .{ EAST } } });
  @set_color_config(1, 0, @get_color(4), .{ .routes = .{ .rx = .{ WEST }, .tx = .{ RAMP, SOUTH } } });
}
)";
        auto r = compileFiles({{"layout.csl", layout}, {"pe.csl", ""}}, sim::Arch::Wse2, false);
        QVERIFY2(r.ok, allDiagnostics(r).c_str());
        const auto& pe1 = r.program->pes[1];
        QCOMPARE(pe1.colors.size(), size_t(1));
        QCOMPARE(pe1.colors[0].first, uint8_t(4));
        QCOMPARE(pe1.colors[0].second.rx, sim::dirBit(sim::Direction::West));
        QCOMPARE(pe1.colors[0].second.tx,
                 uint8_t(sim::dirBit(sim::Direction::Ramp) | sim::dirBit(sim::Direction::South)));
    }
    void paramsAndColorsFromTheCommandLine() {
        csl::CompileOptions o;
        o.layoutFile = "layout.csl";
        o.params = {{"n", "3"}};
        o.colors = {{"c", "5"}};
        const std::string layout =
            "param n: i16;\nparam c: color;\nlayout {\n"
            "  @set_rectangle(n, 1);\n"
            "  for (@range(i16, n)) |x| { @set_tile_code(x, 0, \"pe.csl\", .{}); }\n"
            "  @set_color_config(0, 0, c, .{ .routes = .{ .rx = .{ RAMP }, .tx = .{ EAST } } });\n"
            "}\n";
        o.readFile = [layout](const std::string& f) -> std::optional<std::string> {
            if (f == "layout.csl")
                return layout;
            if (f == "pe.csl")
                return std::string();
            return std::nullopt;
        };
        auto r = csl::compile(o);
        QVERIFY2(r.ok, allDiagnostics(r).c_str());
        QCOMPARE(r.program->width, 3u);
        QCOMPARE(r.paramValues.at("n"), std::string("3"));
        QCOMPARE(r.paramValues.at("c"), std::string("5"));
        QCOMPARE(r.program->pes[0].colors.at(0).first, uint8_t(5));
    }
    void compileTimeOfALargeProgram() {
        // A program with many functions and loops compiles well under a second.
        std::string pe = "var data: [1024]f32;\n";
        for (int i = 0; i < 300; ++i) {
            pe += "fn step" + std::to_string(i) +
                  "(x: f32) f32 {\n  var s: f32 = x;\n"
                  "  for (@range(i16, 100)) |k| { data[k] = s * 2.0; s += data[k]; }\n"
                  "  return s;\n}\n";
        }
        const char* layout =
            "layout {\n  @set_rectangle(4, 4);\n  for (@range(u16, 4)) |x| {\n"
            "    for (@range(u16, 4)) |y| { @set_tile_code(x, y, \"pe.csl\", .{}); }\n"
            "  }\n}\n";
        auto t0 = std::chrono::steady_clock::now();
        auto r = compileFiles({{"layout.csl", layout}, {"pe.csl", pe}}, sim::Arch::Wse2, false);
        double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0)
                        .count();
        QVERIFY2(r.ok, allDiagnostics(r).c_str());
        QCOMPARE(r.program->classes[0].functions.size(), size_t(300));
        qInfo("compile time of 300 functions: %.1f ms", ms);
        QVERIFY(ms < 1000.0);
    }

    // Every symbol of a class has its own name: a caller passing two modules' types of one
    // name (`Pair`) at the same position got two copies named "compute.$argument 1 (Pair)".
    void symbolNamesAreUnique() {
        const char* layout = "layout {\n  @set_rectangle(1, 1);\n"
                             "  @set_tile_code(0, 0, \"pe.csl\", .{});\n}\n";
        const char* pe = R"(
const ma = @import_module("ma.csl");
const mb = @import_module("mb.csl");
var out: u32 = 0;
fn compute() void {
  out = ma.f(ma.Pair{ .lo = out, .hi = 2 }) + mb.g(mb.Pair{ .lo = 3, .extra = [2]u32{ 0, out } });
}
task t() void { compute(); }
comptime { @bind_local_task(t, @get_local_task_id(8)); }
)";
        const auto r = compileFiles(
            {{"layout.csl", layout},
             {"pe.csl", pe},
             {"ma.csl", "const Pair = struct { lo: u32, hi: u32 };\n"
                        "fn f(p: Pair) u32 { return p.lo + p.hi; }\n"},
             {"mb.csl", "const Pair = struct { lo: u16, extra: [2]u32 };\n"
                        "fn g(p: Pair) u32 { return @as(u32, p.lo) + p.extra[1]; }\n"}},
            sim::Arch::Wse2, false);
        QVERIFY2(r.ok, allDiagnostics(r).c_str());
        std::vector<std::string> names;
        for (const sim::Symbol& s : r.program->classes[0].symbols)
            names.push_back(s.name);
        QVERIFY(std::count(names.begin(), names.end(), "compute.$argument 1 (Pair)") == 1);
        QVERIFY(std::count(names.begin(), names.end(), "compute.$argument 1 (Pair) #2") == 1);
        std::sort(names.begin(), names.end());
        QVERIFY(std::adjacent_find(names.begin(), names.end()) == names.end());
    }

    // A fabric DSD's `.simd_mode` reaches the program; `simd_max` (newer SDKs) is the widest
    // mode, simd_64, and a mode nobody names is an error listing the four.
    void fabricSimdModes_data() {
        QTest::addColumn<QString>("mode");
        QTest::addColumn<int>("simdMode");
        QTest::newRow("simd_32") << "simd_32" << int(sim::kSimd32);
        QTest::newRow("simd_64") << "simd_64" << int(sim::kSimd64);
        QTest::newRow("simd_32_or_64") << "simd_32_or_64" << int(sim::kSimd32Or64);
        QTest::newRow("simd_max") << "simd_max" << int(sim::kSimd64);
        QTest::newRow("simd_128") << "simd_128" << -1;
    }
    void fabricSimdModes() {
        QFETCH(QString, mode);
        QFETCH(int, simdMode);
        const char* layout = "layout {\n  @set_rectangle(1, 1);\n"
                             "  @set_tile_code(0, 0, \"pe.csl\", .{});\n}\n";
        const std::string pe = R"(
var halves = @zeros([8]u16);
const out = @get_dsd(fabout_dsd, .{ .extent = 8, .output_queue = @get_output_queue(2),
                                    .simd_mode = .{ .)" +
                               mode.toStdString() +
                               R"( = true } });
task send() void { @mov16(out, @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{8} -> halves[i] })); }
comptime { @bind_local_task(send, @get_local_task_id(8)); }
)";
        const auto r = compileFiles({{"layout.csl", layout}, {"pe.csl", pe}}, sim::Arch::Wse3);
        if (simdMode < 0) {
            QVERIFY(!r.ok);
            // At the '.simd_mode' value (session 22; it was the start of @get_dsd).
            QVERIFY2(allDiagnostics(r).find("pe.csl:4:50:") != std::string::npos &&
                         allDiagnostics(r).find(".{ .simd_max = true }") != std::string::npos,
                     allDiagnostics(r).c_str());
            return;
        }
        QVERIFY2(r.ok, allDiagnostics(r).c_str());
        const auto& dsds = r.program->classes[0].dsdConstants;
        QVERIFY(std::any_of(dsds.begin(), dsds.end(), [&](const sim::Dsd& d) {
            return d.kind == sim::DsdKind::FabOut && d.simdMode == simdMode;
        }));
    }
};

QTEST_GUILESS_MAIN(TstCslCompiler)
#include "tst_csl_compiler.moc"

// Run-time arrays and structs of more than 256 scalars read as a whole
// (backend/csl/sema/memory_aggregates.cpp): assigned, declared from another, passed to and
// returned from functions, iterated as a call's result, copied inside a recursive function's
// frame. They were refused ("cannot be used as a whole here"), so `prev = cur;` on a
// 300-element array did not compile.
#include "tests/csl/csl_test_support.h"

#include <QTest>

#include <string>
#include <vector>

namespace {

using namespace csl_tests;

// Tile code exporting `words` u32 of y, with `body` defining main().
std::string yTile(int words, const std::string& body) {
    return memcpyTile("var y = @zeros([" + std::to_string(words) +
                          "]u32);\nconst y_ptr: [*]u32 = &y;\n",
                      body, "  @export_symbol(y_ptr, \"y\");\n");
}

// Tile code `pe` on one PE that exports y and main, or nullptr with the diagnostics in *diags.
std::shared_ptr<sim::FabricProgram> buildMain(const std::string& pe, sim::Arch arch,
                                              std::string* diags) {
    return compileProgram(onePeLayoutExporting("  @export_name(\"y\", [*]u32, false);\n"
                                               "  @export_name(\"main\", fn()void);\n"),
                          pe, arch, diags);
}

// out[k] holds check k; compute() copies it to y.
const std::string kPe = yTile(8, R"(
const N = 300;
var cur = @zeros([N]u32);
var prev: [N]u32 = undefined;
const Grid = struct { w: u16, cells: [20, 20]u16 };
var grid_a: Grid = undefined;
var grid_b: Grid = undefined;
var bytes = @zeros([999]u8);
const Pt = struct { x: i16, y: i16 };
var pts: [200]Pt = undefined;
var out = @zeros([8]u32);

fn ramp(scale: u32) [N]u32 {
  var r: [N]u32 = undefined;
  for (@range(u32, N)) |i| { r[i] = i * scale; }
  return r;
}
fn pick(first: bool) [N]u32 {
  if (first) return ramp(1);
  return ramp(3);
}
fn total(a: [N]u32) u32 {
  var s: u32 = 0;
  for (a) |v| { s += v; }
  return s;
}
fn depthSum(n: u32, a: *const [N]u32) u32 {
  if (n == 0) return 0;
  var local = a.*;
  local[n] += 1;
  return local[n] + depthSum(n - 1, a);
}
fn compute() void {
  for (@range(u32, N)) |i| { cur[i] = i + 1; }
  prev = cur;
  const snap = cur;
  cur[0] = 1000;
  out[0] = prev[0] + snap[0] + cur[0];
  out[1] = total(prev);
  out[2] = total(pick(false)) + total(pick(true));
  var t: u32 = 0;
  for (ramp(2)) |v, i| { if (i % 100 == 0) t += v; }
  out[3] = t;
  grid_a.w = 7;
  grid_a.cells[19, 19] = 42;
  grid_a.cells[3, 4] = 5;
  grid_b = grid_a;
  grid_a.cells[19, 19] = 1;
  out[4] = grid_b.w + grid_b.cells[19, 19] + grid_b.cells[3, 4] + grid_a.cells[19, 19];
  bytes[998] = 200;
  bytes[0] = 3;
  var b2 = bytes;
  bytes[998] = 0;
  out[5] = @as(u32, b2[998]) + b2[0] + b2[997] + bytes[998];
  pts[199] = Pt{ .x = -5, .y = 9 };
  const p2 = pts;
  pts[199].x = 1;
  out[6] = @bitcast(u32, @as(i32, p2[199].x) * @as(i32, p2[199].y));
  out[7] = depthSum(3, &prev);
  sys_mod.unblock_cmd_stream();
}
fn main() void {
  compute();
  for (@range(u16, 8)) |k| { y[k] = out[k]; }
  sys_mod.unblock_cmd_stream();
}
)");

} // namespace

class TestCslMemoryAggregates : public QObject {
    Q_OBJECT
  private slots:
    void largeAggregatesAreValues_data() { addArchRows(); }
    void largeAggregatesAreValues() {
        QFETCH(int, arch);
        std::string diags;
        const auto prog = buildMain(kPe, sim::Arch(arch), &diags);
        QVERIFY2(prog, diags.c_str());
        std::string error;
        const std::vector<uint32_t> y =
            launchAndReadWords(prog, "main", {}, "y", 8, 10'000'000, &error);
        QVERIFY2(error.empty(), error.c_str());
        const uint32_t sum0to299 = 299 * 300 / 2;
        QCOMPARE(y, (std::vector<uint32_t>{
                        1 + 1 + 1000,        // prev = cur and a const snapshot, then cur[0] changed
                        sum0to299 + 300,     // total(prev): 1..300
                        4 * sum0to299,       // total(pick(false)) + total(pick(true))
                        2 * (0 + 100 + 200), // for over ramp(2)'s result
                        7 + 42 + 5 + 1,      // grid_b = grid_a (a struct with [20, 20]u16)
                        200 + 3 + 0 + 0,     // var b2 = bytes ([999]u8)
                        uint32_t(-45),       // const p2 = pts ([200]Pt)
                        5 + 4 + 3}));        // depthSum: copies in a recursive function's frames
    }

    // Large values from the other expressions that give values: an `if`, a `switch`, a
    // labelled block, a struct literal holding one returned from a function, a field and an
    // element of a call's result, and a capture's field (all refused, with misleading
    // messages, when only variables could hold them).
    void largeValuesOfExpressions_data() { addArchRows(); }
    void largeValuesOfExpressions() {
        QFETCH(int, arch);
        const std::string pe = yTile(8, R"(
const Big = struct { n: u32, data: [300]u16 };
var a = @zeros([300]u16);
var b = @zeros([300]u16);
var bigs: [2]Big = undefined;
var flag: u32 = 1;
fn wrap(n: u32, d: [300]u16) Big { return Big{ .n = n, .data = d }; }
fn make(n: u32) Big {
  var r: Big = undefined;
  r.n = n;
  r.data = a;
  r.data[299] = @as(u16, n);
  return r;
}
fn main() void {
  for (@range(u16, 300)) |i| { a[i] = i; b[i] = 1000 + i; }
  const c = if (flag == 1) a else b;
  const d = switch (flag) { 0 => a, else => b };
  const e = blk: { if (flag == 0) break :blk b; break :blk a; };
  const w = wrap(7, b);
  bigs[0] = make(3);
  bigs[1] = make(4);
  var sum: u32 = 0;
  for (bigs) |g| { sum += g.data[299] + g.n; }
  y[0] = c[10];
  y[1] = d[10];
  y[2] = e[299];
  y[3] = w.n + w.data[2];
  y[4] = make(9).data[299];
  y[5] = make(5).n;
  y[6] = sum;
  sys_mod.unblock_cmd_stream();
}
)");
        std::string diags;
        const auto prog = buildMain(pe, sim::Arch(arch), &diags);
        QVERIFY2(prog, diags.c_str());
        std::string error;
        const auto y = launchAndReadWords(prog, "main", {}, "y", 7, 10'000'000, &error);
        QVERIFY2(error.empty(), error.c_str());
        QCOMPARE(y, (std::vector<uint32_t>{10, 1010, 299, 7 + 1002, 9, 5, 3 + 3 + 4 + 4}));
    }

    // Copies move words (halves) with one DSD operation, as a program copies with @mov32; a
    // byte array at even fixed addresses moves as halves and its odd last byte alone. (A
    // byte loop took 8 cycles per word or byte.)
    void copiesAreDsdMoves_data() {
        QTest::addColumn<QString>("element");
        QTest::addColumn<int>("op");
        QTest::newRow("u32") << "u32" << int(sim::DsdOpKind::Mov32);
        QTest::newRow("f16") << "f16" << int(sim::DsdOpKind::Mov16);
        QTest::newRow("u8") << "u8" << int(sim::DsdOpKind::Mov16);
    }
    void copiesAreDsdMoves() {
        QFETCH(QString, element);
        QFETCH(int, op);
        const std::string type = "[3001]" + element.toStdString();
        const std::string pe = "var from = @zeros(" + type + ");\nvar to = @zeros(" + type +
                               ");\ntask t() void { to = from; }\n"
                               "comptime { @bind_local_task(t, @get_local_task_id(8)); }\n";
        const auto r =
            compileFiles({{"layout.csl", "layout {\n  @set_rectangle(1, 1);\n"
                                         "  @set_tile_code(0, 0, \"pe.csl\", .{});\n}\n"},
                          {"pe.csl", pe}});
        QVERIFY2(r.ok, allDiagnostics(r).c_str());
        const auto& ops = r.program->classes[0].dsdOps;
        QCOMPARE(ops.size(), size_t(1));
        QCOMPARE(int(ops[0].op), op);
    }

    // Twenty calls in a row of a function taking and returning a 1200-byte array, half of
    // them in an `if` expression: each expansion's copies and locals, and each branch's
    // value, are spare once used, so the next takes them (each kept its own, and fourteen
    // such calls ran out of the PE's 48 KB).
    void temporariesAreReused() {
        const std::string pe = yTile(
            2,
            R"(
var b = @zeros([300]u32);
fn scaled(x: [300]u32, k: u32) [300]u32 {
  var r: [300]u32 = undefined;
  for (@range(u16, 300)) |i| { r[i] = x[i] * k + 1; }
  return r;
}
fn main() void {
)" +
                [] {
                    std::string calls;
                    for (int k = 0; k < 20; ++k)
                        calls += k % 2 ? "  b = scaled(b, 2);\n"
                                       : "  b = if (b[0] < 1000000) "
                                         "scaled(b, 2) else b;\n";
                    return calls;
                }() +
                R"(
  y[0] = b[0];
  y[1] = b[299];
  sys_mod.unblock_cmd_stream();
}
)");
        std::string diags;
        const auto prog = buildMain(pe, sim::Arch::Wse2, &diags);
        QVERIFY2(prog, diags.c_str());
        uint32_t temporaries = 0;
        for (const sim::Symbol& symbol : prog->classes[0].symbols)
            temporaries += symbol.name.find("$") != std::string::npos && symbol.sizeBytes == 1200;
        QVERIFY2(temporaries <= 4, std::to_string(temporaries).c_str());
        std::string error;
        const auto y = launchAndReadWords(prog, "main", {}, "y", 2, 10'000'000, &error);
        QVERIFY2(error.empty(), error.c_str());
        const uint32_t expected = (1u << 20) - 1; // x -> 2x + 1 twenty times from 0
        QCOMPARE(y, (std::vector<uint32_t>{expected, expected}));
    }

    // A copy between arrays of different types names both.
    void mismatchedCopyIsAnError() {
        const std::string pe = memcpyTile("", R"(
var wide = @zeros([300]u32);
var narrow = @zeros([300]u16);
fn main() void {
  narrow = wide;
  sys_mod.unblock_cmd_stream();
}
)");
        std::string diags;
        QVERIFY(!compileProgram(onePeLayoutExporting("  @export_name(\"main\", fn()void);\n"), pe,
                                sim::Arch::Wse2, &diags));
        QVERIFY2(diags.find("pe.csl:7:12: error: cannot assign a value of type '[300]u32' to "
                            "'[300]u16'") != std::string::npos,
                 diags.c_str());
    }
};

QTEST_GUILESS_MAIN(TestCslMemoryAggregates)
#include "tst_csl_memory_aggregates.moc"

// Recursion (session 17): a function that calls itself by name, directly or through other
// functions of its file, keeps its memory locals in a stack frame growing down from the top
// of PE memory; other functions keep them at fixed addresses. A frame is given back at every
// return, a chain of frames that passes the memory above the program's data faults naming
// the call, and a runaway chain of calls faults at 4096 calls in progress.
#include "tests/csl/csl_test_support.h"

#include <QTest>

#include <algorithm>
#include <string>
#include <vector>

namespace {

using namespace csl_tests;

csl::CompileResult compilePe(const std::string& pe, sim::Arch arch = sim::Arch::Wse2) {
    return compileFiles({{"layout.csl", onePeLayout(true, "fn(u16)void", "u32")}, {"pe.csl", pe}},
                        arch);
}

// A tile exporting y (4 u32) and `compute`, which `body` defines as fn(u16) void.
std::string tile(const std::string& body) {
    return R"(
param memcpy_params;
const sys_mod = @import_module("<memcpy/memcpy>", memcpy_params);
var y = @zeros([4]u32);
const y_ptr: [*]u32 = &y;
)" + body + R"(
comptime {
  @export_symbol(y_ptr, "y");
  @export_symbol(compute);
}
)";
}

// compute(n) stores y[0] = levels(n) and counts its calls in y[1]: `levels` keeps `words`
// u32 of its own in memory per call, writes them before it recurses and sums them after.
std::string levelsProgram(int words) {
    const std::string n = std::to_string(words);
    return tile(R"(
fn levels(n: u16) u32 {
  var mine = @zeros([)" +
                n + R"(]u32);
  for (@range(u16, )" +
                n + R"()) |i| { mine[i] = n; }
  var below: u32 = 0;
  if (n > 0) below = levels(n - 1);
  var sum: u32 = 0;
  for (@range(u16, )" +
                n + R"()) |i| { sum += mine[i]; }
  return below + sum;
}
fn compute(n: u16) void {
  y[0] = levels(n);
  y[1] += 1;
  sys_mod.unblock_cmd_stream();
}
)");
}

const sim::Symbol* findSymbol(const csl::CompileResult& r, const std::string& name) {
    for (const sim::CodeClass& c : r.program->classes)
        for (const sim::Symbol& s : c.symbols)
            if (s.name == name)
                return &s;
    return nullptr;
}

} // namespace

class TestCslRecursion : public QObject {
    Q_OBJECT
  private slots:
    // Each level's array is its own: level k adds 8 * k, so levels(n) = 8 * n (n + 1) / 2.
    void framesKeepEachCallsLocals() {
        for (sim::Arch arch : {sim::Arch::Wse2, sim::Arch::Wse3}) {
            const auto r = compilePe(levelsProgram(8), arch);
            QVERIFY2(r.ok, allDiagnostics(r).c_str());
            std::string error;
            const auto y =
                launchAndReadWords(r.program, "compute", {20}, "y", 2, 10'000'000, &error);
            QVERIFY2(error.empty(), error.c_str());
            QCOMPARE(y, (std::vector<uint32_t>{8 * 20 * 21 / 2, 1}));
        }
    }

    // Generic functions that call themselves by name recurse at run time through instances,
    // one per comptime argument set and anytype type (they were expanded at each call until
    // the depth limit): a comptime type parameter, an anytype run-time parameter, a struct
    // copy, and a comptime count that ends the recursion at compile time (one instance per
    // count). n = 6: sum of 1..6 = 21, 6! = 720, the struct's 6 + 2 * 6 = 18, 3^4 = 81.
    void genericFunctionsRecurse() {
        const std::string pe = tile(R"(
const Pair = struct { a: u32, b: u32 };
fn total(comptime T: type, n: u16) T {
  if (n == 0) return 0;
  return @as(T, n) + total(T, n - 1);
}
fn factorial(n: anytype) @type_of(n) {
  if (n <= 1) return 1;
  return n * factorial(n - 1);
}
fn walk(comptime step: u32, p: Pair, n: u16) Pair {
  if (n == 0) return p;
  return walk(step, Pair{ .a = p.a + 1, .b = p.b + step }, n - 1);
}
fn power(comptime k: u16, x: u32) u32 {
  if (k == 0) return 1;
  return x * power(k - 1, x);
}
fn compute(n: u16) void {
  y[0] = total(u32, n);
  y[1] = factorial(@as(u32, n));
  const p = walk(2, Pair{ .a = 0, .b = 0 }, n);
  y[2] = p.a + p.b;
  y[3] = power(4, 3);
  sys_mod.unblock_cmd_stream();
}
)");
        for (sim::Arch arch : {sim::Arch::Wse2, sim::Arch::Wse3}) {
            const auto r = compilePe(pe, arch);
            QVERIFY2(r.ok, allDiagnostics(r).c_str());
            std::string error;
            const auto y =
                launchAndReadWords(r.program, "compute", {6}, "y", 4, 10'000'000, &error);
            QVERIFY2(error.empty(), error.c_str());
            QCOMPARE(y, (std::vector<uint32_t>{21, 720, 18, 81}));
        }
    }

    // An instance's comptime parameters take their declared types, as an expansion's do: a
    // `comptime k: f16` of 0.1 is the f16 0.1 (it stayed a comptime float, 0.1 in f32), and a
    // `comptime t: [4]u32` of a tuple is an array a run-time index reads (it was refused).
    void instanceComptimeParametersTakeTheirTypes() {
        const std::string pe = tile(R"(
fn scaled(comptime k: f16, n: u16) f32 {
  if (n == 0) return @as(f32, k);
  return scaled(k, n - 1);
}
fn table(comptime t: [4]u32, n: u16) u32 {
  if (n == 0) return 0;
  return t[n % 4] + table(t, n - 1);
}
fn compute(n: u16) void {
  y[0] = @bitcast(u32, scaled(0.1, n));
  y[1] = table(.{ 1, 10, 100, 1000 }, n);
  sys_mod.unblock_cmd_stream();
}
)");
        const auto r = compilePe(pe);
        QVERIFY2(r.ok, allDiagnostics(r).c_str());
        std::string error;
        const auto y = launchAndReadWords(r.program, "compute", {6}, "y", 2, 10'000'000, &error);
        QVERIFY2(error.empty(), error.c_str());
        // f16(0.1) = 0x2e66 = 0.0999755859375 = f32 0x3dccc000; n = 6..1: 100 + 10 + 1 + 1000
        // + 100 + 10.
        QCOMPARE(y, (std::vector<uint32_t>{0x3dccc000u, 1221}));
    }

    // Instances are told apart by their comptime arguments' identity, not by how they print:
    // two floats that print alike to six digits, and two functions of one name in two
    // modules, each get their own (the second call ran the first call's instance).
    void instancesByIdentity() {
        const std::string pe = tile(R"(
const ma = @import_module("ma.csl");
const mb = @import_module("mb.csl");
fn scaled(comptime k: f32, n: u16) f32 {
  if (n == 0) return k;
  return scaled(k, n - 1);
}
fn applied(comptime h: fn(u32) u32, n: u16) u32 {
  if (n == 0) return h(1);
  return applied(h, n - 1);
}
fn compute(n: u16) void {
  y[0] = @bitcast(u32, scaled(3.1415926, n));
  y[1] = @bitcast(u32, scaled(3.1415930, n));
  y[2] = applied(ma.h, n);
  y[3] = applied(mb.h, n);
  sys_mod.unblock_cmd_stream();
}
)");
        const auto r = compileFiles({{"layout.csl", onePeLayout(true, "fn(u16)void", "u32")},
                                     {"pe.csl", pe},
                                     {"ma.csl", "fn h(x: u32) u32 { return x; }\n"},
                                     {"mb.csl", "fn h(x: u32) u32 { return 100 * x; }\n"}});
        QVERIFY2(r.ok, allDiagnostics(r).c_str());
        std::string error;
        const auto y = launchAndReadWords(r.program, "compute", {3}, "y", 4, 10'000'000, &error);
        QVERIFY2(error.empty(), error.c_str());
        QCOMPARE(y, (std::vector<uint32_t>{0x40490fdau, 0x40490fdcu, 1, 100}));
    }

    // The recursive function has no symbol of its own for its array, but the stack depth
    // has one; a function that does not recurse keeps its fixed home.
    void onlyRecursiveFunctionsGetFrames() {
        const auto r = compilePe(levelsProgram(8));
        QVERIFY2(r.ok, allDiagnostics(r).c_str());
        QVERIFY(findSymbol(r, "$stack.depth"));
        QVERIFY(!findSymbol(r, "levels.mine"));
        const auto plain = compilePe(tile(R"(
fn once(n: u16) u32 { var mine = @zeros([8]u32); mine[n % 8] = n; return mine[3]; }
fn compute(n: u16) void { y[0] = once(n); sys_mod.unblock_cmd_stream(); }
)"));
        QVERIFY2(plain.ok, allDiagnostics(plain).c_str());
        QVERIFY(findSymbol(plain, "once.mine"));
        QVERIFY(!findSymbol(plain, "$stack.depth"));
    }

    // Frames are given back at every return: a thousand calls in turn, each 20 deep with a
    // 1 KB frame, never need more than one chain's frames. The depth is 0 between calls.
    void framesAreGivenBack() {
        const auto r = compilePe(levelsProgram(256));
        QVERIFY2(r.ok, allDiagnostics(r).c_str());
        sim::Fabric fabric(r.program);
        for (int call = 0; call < 1000; ++call) {
            const sim::RunResult run =
                fabric.runUntilDone(fabric.launch("compute", {20}), 10'000'000);
            QVERIFY2(run.status == sim::RunStatus::CommandDone, run.message.c_str());
        }
        QCOMPARE(readSymbol(fabric, "y", 0, 0, 2, 10'000'000),
                 (std::vector<uint32_t>{256 * 20 * 21 / 2, 1000}));
        const sim::Symbol* depth = findSymbol(r, "$stack.depth");
        QVERIFY(depth);
        QCOMPARE(fabric.readMemory(0, 0, depth->address, 4), (std::vector<uint8_t>{0, 0, 0, 0}));
    }

    // 4 KB frames: about eleven fit above the program's data in 48 KB; fifty do not. The
    // fault names the recursive call's line and says how much was needed.
    void stackOverflowFaultsAtTheCall() {
        const auto r = compilePe(levelsProgram(1024));
        QVERIFY2(r.ok, allDiagnostics(r).c_str());
        sim::Fabric fabric(r.program);
        const sim::RunResult fits = fabric.runUntilDone(fabric.launch("compute", {5}), 10'000'000);
        QVERIFY2(fits.status == sim::RunStatus::CommandDone, fits.message.c_str());
        sim::Fabric deep(r.program);
        const sim::RunResult run = deep.runUntilDone(deep.launch("compute", {50}), 10'000'000);
        QCOMPARE(run.status, sim::RunStatus::Fault);
        for (const char* part :
             {"stack overflow entering 'levels'", "bytes of PE memory are free", "pe.csl:"})
            QVERIFY2(run.message.find(part) != std::string::npos, run.message.c_str());
    }

    // A recursion with no loop is progress: fib(18) makes 8,361 calls, far past a 20,000-cycle
    // idle limit with no back edge to sample (it was "a loop that changes nothing"), and so is
    // one whose leaves loop (review17 4). A loop polling a flag nothing sets still hangs
    // though its body recurses.
    void recursionWithoutLoopsIsProgress() {
        const auto r = compilePe(tile(R"(
var flag: u32 = 0;
fn fib(n: u32) u32 {
  if (n < 2) return n;
  return fib(n - 1) + fib(n - 2);
}
fn depth(n: u32) u32 {
  if (n == 0) return 0;
  return depth(n - 1) + 1;
}
fn tree(n: u32) u32 {
  if (n == 0) {
    var s: u32 = 0;
    var i: u32 = 0;
    while (i < 64) : (i += 1) { s += 1; }
    return s;
  }
  return tree(n - 1) + tree(n - 1);
}
fn compute(n: u16) void {
  if (n == 0) {
    y[0] = fib(18);
  } else if (n == 2) {
    y[0] = tree(7);
  } else {
    while (flag == 0) { y[1] = depth(5); }
  }
  sys_mod.unblock_cmd_stream();
}
)"));
        QVERIFY2(r.ok, allDiagnostics(r).c_str());
        sim::FabricOptions options;
        options.idleCycleLimit = 20'000;
        sim::Fabric fabric(r.program, options);
        const sim::RunResult fib = fabric.runUntilDone(fabric.launch("compute", {0}), 10'000'000);
        QVERIFY2(fib.status == sim::RunStatus::CommandDone, fib.message.c_str());
        QVERIFY2(fib.cycle > 100'000, std::to_string(fib.cycle).c_str());
        QCOMPARE(readSymbol(fabric, "y", 0, 0, 1, 10'000'000), std::vector<uint32_t>{2584});
        // The leaves' 64-round loops are sampled in a new activation each time (their own
        // registers alike, their callers' not): progress, not a loop that changes nothing.
        sim::Fabric leaves(r.program, options);
        const sim::RunResult tree = leaves.runUntilDone(leaves.launch("compute", {2}), 10'000'000);
        QVERIFY2(tree.status == sim::RunStatus::CommandDone, tree.message.c_str());
        QCOMPARE(readSymbol(leaves, "y", 0, 0, 1, 10'000'000), std::vector<uint32_t>{128 * 64});
        sim::Fabric polling(r.program, options);
        const sim::RunResult hang =
            polling.runUntilDone(polling.launch("compute", {1}), 10'000'000);
        QCOMPARE(hang.status, sim::RunStatus::Hang);
        QVERIFY2(hang.message.find("(a loop that changes nothing)") != std::string::npos,
                 hang.message.c_str());
    }

    // Read-only copies of run-time values made for an address or a run-time index (an inline
    // function's parameter, a local const array indexed twice) are each activation's own:
    // they were static, and the nested call overwrote the caller's (review 1, 2).
    void runTimeCopiesAreTheActivations() {
        const auto r = compilePe(tile(R"(
inline fn first(p: u32) u32 { const q = &p; return q.*; }
fn sum(n: u16) u32 {
  const own = @as(u32, n) * 10;
  const rows = [2, 2]u32{ .{ own, own + 1 }, .{ own + 2, own + 3 } };
  if (n == 0) return first(own) + rows[1][1];
  return first(own) + rows[n % 2][@as(u32, sum(n - 1) & 0) + 1] + sum(n - 1);
}
fn compute(n: u16) void {
  y[0] = sum(n);
  sys_mod.unblock_cmd_stream();
}
)"));
        QVERIFY2(r.ok, allDiagnostics(r).c_str());
        std::string error;
        const auto y = launchAndReadWords(r.program, "compute", {3}, "y", 1, 10'000'000, &error);
        QVERIFY2(error.empty(), error.c_str());
        // sum(0) = 0 + 3; sum(n) = 10n + (10n + 1, + 2 for n odd) + sum(n - 1), with the
        // index's own recursion between the row's copy and its read: 3, 26, 67, 130.
        QCOMPARE(y, std::vector<uint32_t>{130});
    }

    // A recursion with no end and nothing in memory runs out of calls, not of host memory.
    void runawayRecursionFaults() {
        const auto r = compilePe(tile(R"(
fn forever(n: u32) u32 { return forever(n + 1) + 1; }
fn compute(n: u16) void { y[0] = forever(n); sys_mod.unblock_cmd_stream(); }
)"));
        QVERIFY2(r.ok, allDiagnostics(r).c_str());
        sim::Fabric fabric(r.program);
        const sim::RunResult run = fabric.runUntilDone(fabric.launch("compute", {0}), 100'000'000);
        QCOMPARE(run.status, sim::RunStatus::Fault);
        QVERIFY2(run.message.find("call stack overflow: 4096 calls in progress, the last to "
                                  "'forever'") != std::string::npos,
                 run.message.c_str());
    }
};

QTEST_APPLESS_MAIN(TestCslRecursion)
#include "tst_csl_recursion.moc"

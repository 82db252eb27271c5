// Builtins and library functions the compiler gained late, compiled by backend/csl and run
// on the simulator: @as from an enum value to a float type (comptime and run time),
// <random>.set_global_prng_seed, @get_config/@set_config with runtime addresses and
// accessed ranges.
#include "tests/csl/csl_test_support.h"

#include <QTest>

#include <string>
#include <vector>

namespace {

using namespace csl_tests;

std::shared_ptr<sim::FabricProgram> build(const std::string& pe, sim::Arch arch,
                                          std::string* diags) {
    return compileProgram(onePeLayout(true, "fn(u16)void"), pe, arch, diags);
}

std::vector<float> runCompute(std::shared_ptr<sim::FabricProgram> prog, uint32_t arg, uint32_t n) {
    return launchAndReadF32(std::move(prog), "compute", {arg}, "y", n, 10'000'000);
}

const char* kEnumToFloat = R"(
param memcpy_params;
const sys_mod = @import_module("<memcpy/memcpy>", memcpy_params);
const Level = enum(u16) { low = 2, mid = 7, high = 300 };
var y = @zeros([4]f32);
const y_ptr: [*]f32 = &y;
fn compute(sel: u16) void {
  const picked: Level = @as(Level, sel);              // a runtime enum value
  y[0] = @as(f32, Level.mid);                          // comptime
  y[1] = @as(f32, picked);                             // run time
  y[2] = @as(f32, @as(f16, picked)) + 0.5;             // through f16
  const c = comptime @as(f32, Level.high) * 2.0;       // comptime arithmetic on the result
  y[3] = c;
  sys_mod.unblock_cmd_stream();
}
comptime {
  @export_symbol(y_ptr, "y");
  @export_symbol(compute);
}
)";

// y[0..1]: the first two draws; y[2..3] after seeding the documented initial state
// 0xdeadbeef; y[4..5] and y[6..7] after seeding `seed` twice; y[8] a float draw after it.
const char* kPrngSeed = R"(
param memcpy_params;
const sys_mod = @import_module("<memcpy/memcpy>", memcpy_params);
const random = @import_module("<random>");
var y = @zeros([9]f32);
const y_ptr: [*]f32 = &y;
fn draw2(k: u16) void {
  y[k] = @as(f32, random.random_u16());
  y[k + 1] = @as(f32, random.random_u16());
}
fn compute(seed: u16) void {
  draw2(0);
  random.set_global_prng_seed(0xdeadbeef);
  draw2(2);
  random.set_global_prng_seed(seed);
  draw2(4);
  random.set_global_prng_seed(@as(u32, seed));
  draw2(6);
  y[8] = random.random_f32(2.0, 3.0);
  sys_mod.unblock_cmd_stream();
}
comptime {
  @export_symbol(y_ptr, "y");
  @export_symbol(compute);
}
)";

// @set_active_prng: y[0..2] three draws of generator 0; y[3] the first draw of generator
// `other` (each starts at 0xdeadbeef); y[4] the next draw of generator 0 after switching back
// (its sequence went on where it stopped); y[5] a draw of `other` after it was seeded 7, and
// y[6] generator 0 again.
const char* kActivePrng = R"(
param memcpy_params;
const sys_mod = @import_module("<memcpy/memcpy>", memcpy_params);
const random = @import_module("<random>");
var y = @zeros([7]f32);
const y_ptr: [*]f32 = &y;
fn compute(other: u16) void {
  y[0] = @as(f32, @random16());
  y[1] = @as(f32, @random16());
  y[2] = @as(f32, @random16());
  @set_active_prng(other);
  y[3] = @as(f32, @random16());
  @set_active_prng(0);
  y[4] = @as(f32, @random16());
  @set_active_prng(other);
  random.set_global_prng_seed(7);
  y[5] = @as(f32, @random16());
  @set_active_prng(0);
  y[6] = @as(f32, @random16());
  sys_mod.unblock_cmd_stream();
}
comptime {
  @export_symbol(y_ptr, "y");
  @export_symbol(compute);
}
)";

// The SDK's example: registers base_addr + i read and written with runtime addresses, the
// checked forms given the accessed range; a register no modelled state backs reads back
// what was written.
const char* kConfigRuntime = R"(
param memcpy_params;
const sys_mod = @import_module("<memcpy/memcpy>", memcpy_params);
const base_addr: u16 = 0x7e00;
var y = @zeros([4]f32);
const y_ptr: [*]f32 = &y;
fn compute(i: u16) void {
  @set_config(base_addr + i, 40 + i, .{base_addr, base_addr + 3});
  @set_config(base_addr + 3, 99);
  y[0] = @as(f32, @get_config(base_addr + i, .{ .{0x7a00, 0x7a0f}, .{base_addr, base_addr + 3} }));
  y[1] = @as(f32, @get_config(base_addr + 3));
  y[2] = @as(f32, @get_config_unchecked(base_addr + i));
  sys_mod.unblock_cmd_stream();
}
comptime {
  @export_symbol(y_ptr, "y");
  @export_symbol(compute);
}
)";

} // namespace

class TestCslBuiltins : public QObject {
    Q_OBJECT
  private slots:
    void asEnumToFloat_data() { addArchRows(); }
    void asEnumToFloat() {
        QFETCH(int, arch);
        std::string diags;
        auto prog = build(kEnumToFloat, sim::Arch(arch), &diags);
        QVERIFY2(prog, diags.c_str());
        const std::vector<float> y = runCompute(prog, 300, 4);
        QCOMPARE(y.size(), size_t(4));
        QCOMPARE(y[0], 7.0f);
        QCOMPARE(y[1], 300.0f);
        QCOMPARE(y[2], 300.5f);
        QCOMPARE(y[3], 600.0f);
    }
    void prngSeed_data() { addArchRows(); }
    void prngSeed() {
        QFETCH(int, arch);
        std::string diags;
        auto prog = build(kPrngSeed, sim::Arch(arch), &diags);
        QVERIFY2(prog, diags.c_str());
        const std::vector<float> a = runCompute(prog, 7, 9);
        QCOMPARE(a.size(), size_t(9));
        // The program starts in state 0xdeadbeef: seeding it restarts the sequence.
        QCOMPARE(a[2], a[0]);
        QCOMPARE(a[3], a[1]);
        // The same seed gives the same draws, another seed other draws.
        QCOMPARE(a[6], a[4]);
        QCOMPARE(a[7], a[5]);
        QVERIFY(a[4] != a[0] || a[5] != a[1]);
        QVERIFY(a[8] >= 2.0f && a[8] < 3.0f);
        // A fresh fabric seeded alike draws alike; another seed differs.
        const std::vector<float> b = runCompute(prog, 7, 9);
        QCOMPARE(b[4], a[4]);
        QCOMPARE(b[8], a[8]);
        const std::vector<float> c = runCompute(prog, 8, 9);
        QVERIFY(c[4] != a[4] || c[5] != a[5]);
    }
    void activePrng_data() { addArchRows(); }
    void activePrng() {
        QFETCH(int, arch);
        std::string diags;
        auto prog = build(kActivePrng, sim::Arch(arch), &diags);
        QVERIFY2(prog, diags.c_str());
        const std::vector<float> a = runCompute(prog, 3, 7);
        QCOMPARE(a.size(), size_t(7));
        QCOMPARE(a[3], a[0]); // generator 3 starts where generator 0 did
        QVERIFY(a[4] != a[0] && a[4] != a[1] && a[4] != a[2]);
        QVERIFY(a[5] != a[1]); // generator 3, seeded, left its own sequence
        QVERIFY(a[6] != a[4]);
        // The ID is taken modulo the number of generators (8): 11 selects generator 3, and 8
        // generator 0 itself, whose sequence then just goes on.
        QCOMPARE(runCompute(prog, 11, 7), a);
        const std::vector<float> same = runCompute(prog, 8, 7);
        QCOMPARE(same[2], a[2]);
        QVERIFY(same[3] != a[0]);
    }
    void configRuntimeAddress_data() { addArchRows(); }
    void configRuntimeAddress() {
        QFETCH(int, arch);
        std::string diags;
        auto prog = build(kConfigRuntime, sim::Arch(arch), &diags);
        QVERIFY2(prog, diags.c_str());
        const std::vector<float> y = runCompute(prog, 2, 4);
        QCOMPARE(y, (std::vector<float>{42.0f, 99.0f, 42.0f, 0.0f}));
    }
};

QTEST_GUILESS_MAIN(TestCslBuiltins)
#include "tst_csl_builtins.moc"

// Circular buffers (circbuf_dsd, SDK 2.10 DSD page) compiled by backend/csl and run on the
// simulator: loaded to a DSR with @load_to_dsr_xdsr at comptime or at run time, read and
// written through it, wrapping at the wraparound; `.save_address` carries the head from one
// operation to the next. Misuse is a compile error naming the rule.
#include "tests/csl/csl_test_support.h"

#include <QTest>

#include <string>
#include <vector>

namespace {

using namespace csl_tests;

// y[0..11]: three 4-element copies out of a ring of 5 values wrapping after `wrap` (and
// y[12..15]: a 4-element copy into the ring's DSR from `fill`, then the ring itself).
std::string ringProgram(const std::string& ringDsd, const std::string& load,
                        const std::string& comptimeLoad) {
    return R"(
param memcpy_params;
const sys_mod = @import_module("<memcpy/memcpy>", memcpy_params);
var y = @zeros([17]f32);
const y_ptr: [*]f32 = &y;
var ring = [5]f32 { 1.0, 2.0, 3.0, 4.0, 5.0 };
var fill = [4]f32 { 10.0, 20.0, 30.0, 40.0 };
const ring_dsd = )" +
           ringDsd + R"(;
const out_dsd = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{4} -> y[i] });
const fill_dsd = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{4} -> fill[i] });
const ring_all = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{5} -> ring[i] });
const tail_dsd = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{5} -> y[i + 12] });
const ring_src = @get_dsr(dsr_src1, 2);
const ring_dst = @get_dsr(dsr_dest, 3);
const out = @get_dsr(dsr_dest, 1);
const ring_x = @get_xdsr(3);
const ring_dst_x = @get_xdsr(4);
fn compute(unused: u16) void {
  _ = unused;
)" + load + R"(
  @load_to_dsr(out, out_dsd, .{ .save_address = true });
  @fmovs(out, ring_src);
  @fmovs(out, ring_src);
  @fmovs(out, ring_src);
  @load_to_dsr_xdsr(ring_dst, ring_dst_x, ring_dsd);
  @fmovs(ring_dst, fill_dsd);
  @fmovs(tail_dsd, ring_all);
  sys_mod.unblock_cmd_stream();
}
comptime {
)" + comptimeLoad +
           R"(
  @export_symbol(y_ptr, "y");
  @export_symbol(compute);
}
)";
}

const char* kWrap3 =
    "@get_dsd(circbuf_dsd, .{ .base_address = &ring, .extent = 4, .wraparound = 3 })";

csl::CompileResult compilePe(const std::string& pe, sim::Arch arch) {
    return compileFiles({{"layout.csl", onePeLayout(true, "fn(u16)void")}, {"pe.csl", pe}}, arch);
}

std::vector<float> runRing(const std::string& pe, sim::Arch arch) {
    const auto r = compilePe(pe, arch);
    if (!r.ok)
        qWarning("%s", allDiagnostics(r).c_str());
    return r.ok ? launchAndReadF32(r.program, "compute", {0}, "y", 17, 10'000'000)
                : std::vector<float>{};
}

} // namespace

class TestCslCircbuf : public QObject {
    Q_OBJECT
  private slots:
    void copiesWrapAtTheWraparound_data() { addArchRows(); }
    void copiesWrapAtTheWraparound() {
        QFETCH(int, arch);
        // Loaded at run time without .save_address: each copy starts at the start. The write
        // through the ring's DSR wraps too: 10, 20, 30 then 40 over the first element.
        const auto y =
            runRing(ringProgram(kWrap3, "  @load_to_dsr_xdsr(ring_src, ring_x, ring_dsd);", ""),
                    sim::Arch(arch));
        const std::vector<float> want = {1, 2, 3, 1, 1, 2, 3, 1, 1, 2, 3, 1, 40, 20, 30, 4, 5};
        QCOMPARE(y, want);
    }

    void saveAddressCarriesTheHead_data() { addArchRows(); }
    void saveAddressCarriesTheHead() {
        QFETCH(int, arch);
        // Loaded at comptime with .save_address: the copies continue where the last ended.
        const auto y = runRing(
            ringProgram(kWrap3, "",
                        "  @load_to_dsr_xdsr(ring_src, ring_x, ring_dsd, .{ .save_address = true "
                        "});"),
            sim::Arch(arch));
        const std::vector<float> want = {1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3, 40, 20, 30, 4, 5};
        QCOMPARE(y, want);
    }

    // Without .wraparound a pointer to an array wraps at the array's end; a pointer to an
    // element needs one and starts there.
    void wraparoundDefaultsToTheArraySize() {
        const auto y = runRing(ringProgram("@get_dsd(circbuf_dsd, .{ .base_address = &ring, "
                                           ".extent = 4 })",
                                           "  @load_to_dsr_xdsr(ring_src, ring_x, ring_dsd, .{ "
                                           ".save_address = true });",
                                           ""),
                               sim::Arch::Wse3);
        const std::vector<float> want = {1, 2, 3, 4, 5, 1, 2, 3, 4, 5, 1, 2, 10, 20, 30, 40, 5};
        QCOMPARE(y, want);
        const auto z = runRing(ringProgram("@get_dsd(circbuf_dsd, .{ .base_address = &ring[2], "
                                           ".extent = 4, .wraparound = 2 })",
                                           "  @load_to_dsr_xdsr(ring_src, ring_x, ring_dsd);", ""),
                               sim::Arch::Wse2);
        const std::vector<float> wantZ = {3, 4, 3, 4, 3, 4, 3, 4, 3, 4, 3, 4, 1, 2, 30, 40, 5};
        QCOMPARE(z, wantZ);
    }

    void misuseIsAnError_data() {
        QTest::addColumn<QString>("ring");
        QTest::addColumn<QString>("load");
        QTest::addColumn<QString>("message");
        const QString load = "  @load_to_dsr_xdsr(ring_src, ring_x, ring_dsd);";
        QTest::newRow("wraparound too large")
            << "@get_dsd(circbuf_dsd, .{ .base_address = &ring, .extent = 4, .wraparound = 6 })"
            << load << "wraparound 6 exceeds the size of the underlying buffer (5 elements)";
        QTest::newRow("scalar base without wraparound")
            << "@get_dsd(circbuf_dsd, .{ .base_address = &ring[1], .extent = 4 })" << load
            << "circbuf_dsd needs '.wraparound': '.base_address' points to a single 'f32'";
        QTest::newRow("unknown field")
            << "@get_dsd(circbuf_dsd, .{ .base_address = &ring, .extent = 4, .stride = 2 })" << load
            << "unknown field 'stride' for circbuf_dsd";
        QTest::newRow("direct operand")
            << QString(kWrap3) << load + "\n  @fmovs(out_dsd, ring_dsd);"
            << "a circbuf_dsd cannot be an operand of @fmovs: load it to a DSR with "
               "@load_to_dsr_xdsr";
        QTest::newRow("plain load") << QString(kWrap3) << "  @load_to_dsr(ring_src, ring_dsd);"
                                    << "a circbuf_dsd is loaded with @load_to_dsr_xdsr";
        QTest::newRow("not a circbuf")
            << QString(kWrap3) << "  @load_to_dsr_xdsr(ring_src, ring_x, fill_dsd);"
            << "@load_to_dsr_xdsr loads a circbuf_dsd, found 'mem1d_dsd'";
        QTest::newRow("config field")
            << QString(kWrap3)
            << "  @load_to_dsr_xdsr(ring_src, ring_x, ring_dsd, .{ .async = true });"
            << "unknown field 'async' in @load_to_dsr_xdsr configuration";
    }
    void misuseIsAnError() {
        QFETCH(QString, ring);
        QFETCH(QString, load);
        QFETCH(QString, message);
        const auto r =
            compilePe(ringProgram(ring.toStdString(), load.toStdString(), ""), sim::Arch::Wse3);
        QVERIFY(!r.ok);
        const std::string d = allDiagnostics(r);
        QVERIFY2(d.find(message.toStdString()) != std::string::npos, d.c_str());
    }
};

QTEST_GUILESS_MAIN(TestCslCircbuf)
#include "tst_csl_circbuf.moc"

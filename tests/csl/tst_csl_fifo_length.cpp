// @set_fifo_read_length / @set_fifo_write_length compiled by backend/csl and run on the
// simulator (both architectures): a write length taken from a launch argument limits a
// push, a comptime read length limits a pop, and a pop after the read length ran out is
// limited by its destination only. Misuse is a compile error.
#include "backend/csl/compiler.h"
#include "sim/fabric.h"

#include <QTest>

#include <cstring>
#include <map>
#include <string>

namespace {

csl::CompileResult compilePe(const std::string& pe, sim::Arch arch) {
    static const char* kLayout = R"(
const memcpy = @import_module("<memcpy/get_params>", .{ .width = 1, .height = 1 });
layout {
  @set_rectangle(1, 1);
  @set_tile_code(0, 0, "pe.csl", .{ .memcpy_params = memcpy.get_params(0) });
  @export_name("y", [*]f32, true);
  @export_name("compute", fn(u16)void);
}
)";
    csl::CompileOptions o;
    o.layoutFile = "layout.csl";
    o.arch = arch;
    o.memcpy = true;
    const std::map<std::string, std::string> files = {{"layout.csl", kLayout}, {"pe.csl", pe}};
    o.readFile = [files](const std::string& f) -> std::optional<std::string> {
        auto it = files.find(f.rfind("./", 0) == 0 ? f.substr(2) : f);
        if (it == files.end())
            return std::nullopt;
        return it->second;
    };
    return csl::compile(o);
}

std::string diagnostics(const csl::CompileResult& r) {
    std::string s;
    for (const auto& d : r.diagnostics)
        s += csl::formatDiagnostic(d);
    return s;
}

std::vector<float> runCompute(std::shared_ptr<sim::FabricProgram> prog, uint32_t arg, uint32_t n) {
    sim::Fabric fabric(prog);
    auto r = fabric.runUntilDone(fabric.launch("compute", {arg}), 10'000'000);
    if (r.status != sim::RunStatus::CommandDone)
        qWarning("%s", r.message.c_str());
    sim::MemcpyRequest req;
    req.toDevice = false;
    req.symbol = "y";
    req.elementsPerPe = n;
    auto id = fabric.memcpy(req);
    r = fabric.runUntilDone(id, 10'000'000);
    if (r.status != sim::RunStatus::CommandDone)
        qWarning("%s", r.message.c_str());
    std::vector<float> out;
    for (uint32_t bits : fabric.takeResult(id)) {
        float f;
        std::memcpy(&f, &bits, 4);
        out.push_back(f);
    }
    return out;
}

// y[0..7]: the first pop (read length 2); y[8..15]: the second pop (read length 0 again).
const char* kFifoLengths = R"(
param memcpy_params;
const sys_mod = @import_module("<memcpy/memcpy>", memcpy_params);
var y = @zeros([16]f32);
const y_ptr: [*]f32 = &y;
var staging = @zeros([16]f32);
const queue = @allocate_fifo(staging);
var values = [8]f32 { 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0 };
const values_dsd = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{8} -> values[i] });
const first_dsd = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{8} -> y[i] });
const second_dsd = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{8} -> y[i + 8] });
fn compute(count: u16) void {
  @set_fifo_write_length(queue, count);
  @fmovs(queue, values_dsd);
  @set_fifo_read_length(queue, 2);
  @fmovs(first_dsd, queue);
  @fmovs(second_dsd, queue);
  sys_mod.unblock_cmd_stream();
}
comptime {
  @export_symbol(y_ptr, "y");
  @export_symbol(compute);
}
)";

} // namespace

class TestCslFifoLength : public QObject {
    Q_OBJECT
  private slots:
    void lengthsLimitPushAndPop_data() {
        QTest::addColumn<int>("arch");
        QTest::newRow("wse2") << int(sim::Arch::Wse2);
        QTest::newRow("wse3") << int(sim::Arch::Wse3);
    }
    void lengthsLimitPushAndPop() {
        QFETCH(int, arch);
        auto r = compilePe(kFifoLengths, sim::Arch(arch));
        QVERIFY2(r.ok, diagnostics(r).c_str());
        // Write length 5: 1..5 enter the FIFO; the first pop takes 2, the second the other 3.
        const auto y = runCompute(r.program, 5, 16);
        const std::vector<float> want = {1, 2, 0, 0, 0, 0, 0, 0, 3, 4, 5, 0, 0, 0, 0, 0};
        QCOMPARE(y, want);
        // Write length 7: the second pop takes 5.
        const auto y7 = runCompute(r.program, 7, 16);
        const std::vector<float> want7 = {1, 2, 0, 0, 0, 0, 0, 0, 3, 4, 5, 6, 7, 0, 0, 0};
        QCOMPARE(y7, want7);
    }

    void misuseIsAnError_data() {
        QTest::addColumn<QString>("body");
        QTest::addColumn<QString>("message");
        QTest::newRow("not a FIFO") << "@set_fifo_read_length(values_dsd, 2);"
                                    << "@set_fifo_read_length expects a FIFO DSD";
        QTest::newRow("argument count") << "@set_fifo_write_length(queue);"
                                        << "@set_fifo_write_length expects 2 arguments, found 1";
        QTest::newRow("length type") << "@set_fifo_write_length(queue, 1.5);"
                                     << "expected type 'u16'";
    }
    void misuseIsAnError() {
        QFETCH(QString, body);
        QFETCH(QString, message);
        std::string pe = kFifoLengths;
        const std::string marker = "  @set_fifo_write_length(queue, count);\n";
        pe.replace(pe.find(marker), marker.size(), "  " + body.toStdString() + "\n");
        auto r = compilePe(pe, sim::Arch::Wse2);
        QVERIFY(!r.ok);
        const std::string d = diagnostics(r);
        QVERIFY2(d.find(message.toStdString()) != std::string::npos, d.c_str());
    }

    void comptimeUseIsAnError() {
        std::string pe = kFifoLengths;
        pe += "comptime { @set_fifo_read_length(queue, 4); }\n";
        auto r = compilePe(pe, sim::Arch::Wse2);
        QVERIFY(!r.ok);
        const std::string d = diagnostics(r);
        QVERIFY2(d.find("@set_fifo_read_length changes a FIFO at runtime") != std::string::npos,
                 d.c_str());
    }
};

QTEST_GUILESS_MAIN(TestCslFifoLength)
#include "tst_csl_fifo_length.moc"

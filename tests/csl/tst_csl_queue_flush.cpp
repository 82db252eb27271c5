// WSE-3 queue flushing of input queues: @queue_flush(input queue) activates the teardown
// task once the queue is empty (at once when it already is), @set_empty_queue_handler runs
// the queue's handler from there, and <tile_config>.queue_flush reads and resets the flush
// status (iq_status, oq_status, is_flushed, exit). Compiled by backend/csl, run on the
// simulator; misuse is a compile error at the offending argument.
#include "tests/csl/csl_test_support.h"

#include <QTest>

using namespace csl_tests;

namespace {

const char* kLayout = R"(
const memcpy = @import_module("<memcpy/get_params>", .{ .width = 2, .height = 1 });
layout {
  @set_rectangle(2, 1);
  @set_tile_code(0, 0, "pe.csl", .{ .memcpy_params = memcpy.get_params(0), .sender = true });
  @set_tile_code(1, 0, "pe.csl", .{ .memcpy_params = memcpy.get_params(1), .sender = false });
  @set_color_config(0, 0, @get_color(3), .{ .routes = .{ .rx = .{RAMP}, .tx = .{EAST} } });
  @set_color_config(1, 0, @get_color(3), .{ .routes = .{ .rx = .{WEST}, .tx = .{RAMP} } });
  @export_name("y", [*]u32, false);
  @export_name("send", fn()void);
  @export_name("flush", fn()void);
  @export_name("take", fn()void);
  @export_name("again", fn()void);
}
)";

// `send` leaves four wavelets waiting in the receiver's input queue 2; `flush` flushes that
// queue while they wait; each `take` takes one of them. The handler may run only after the
// fourth take (the queue is empty then); `again` flushes the empty queue, which runs it at
// once.
const char* kPe = R"(
param memcpy_params;
param sender: bool;
const sys_mod = @import_module("<memcpy/memcpy>", memcpy_params);
const tile_config = @import_module("<tile_config>");
const queue_flush = tile_config.queue_flush;
const C: color = @get_color(3);
const oq = @get_output_queue(2);
const iq = @get_input_queue(2);
var y = @zeros([8]u32);
const y_ptr: [*]u32 = &y;
var data = [4]u32{ 10, 20, 30, 40 };
var last: u32 = 0;
const src = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{4} -> data[i] });
const out = @get_dsd(fabout_dsd, .{ .extent = 4, .output_queue = oq });
const in = @get_dsd(fabin_dsd, .{ .extent = 1, .input_queue = iq });
fn on_empty() void {
  y[0] += 1;
  y[1] = if (queue_flush.is_flushed(queue_flush.iq_status(), iq)) 1 else 0;
  y[2] = queue_flush.oq_status();
  y[3] = last;
  queue_flush.exit(iq);
  y[4] = queue_flush.iq_status();
}
task sent() void { sys_mod.unblock_cmd_stream(); }
fn send() void {
  if (sender) {
    @mov32(out, src, .{ .async = true, .activate = sent });
  } else {
    sys_mod.unblock_cmd_stream();
  }
}
fn flush() void {
  if (!sender) {
    @queue_flush(iq);
    y[5] = if (queue_flush.is_active(iq)) 1 else 0;
  }
  sys_mod.unblock_cmd_stream();
}
fn take() void {
  if (!sender) {
    @mov32(&last, in);
    y[6] += 1;
  }
  sys_mod.unblock_cmd_stream();
}
fn again() void {
  if (!sender) {
    @queue_flush(iq);
  }
  sys_mod.unblock_cmd_stream();
}
comptime {
  @bind_local_task(sent, @get_local_task_id(9));
  if (sender) {
    @initialize_queue(oq, .{ .color = C });
  } else {
    @initialize_queue(iq, .{ .color = C });
    @set_empty_queue_handler(on_empty, iq);
  }
  @export_symbol(y_ptr, "y");
  @export_symbol(send);
  @export_symbol(flush);
  @export_symbol(take);
  @export_symbol(again);
}
)";

std::vector<uint32_t> readY(sim::Fabric& fabric) {
    sim::MemcpyRequest req;
    req.toDevice = false;
    req.symbol = "y";
    req.x = 1;
    req.w = 1;
    req.elementsPerPe = 8;
    const auto id = fabric.memcpy(req);
    const auto r = fabric.runUntilDone(id, 1'000'000);
    if (r.status != sim::RunStatus::CommandDone)
        qWarning("%s", r.message.c_str());
    return fabric.takeResult(id);
}

bool run(sim::Fabric& fabric, const char* function) {
    const auto r = fabric.runUntilDone(fabric.launch(function, {}), 1'000'000);
    if (r.status != sim::RunStatus::CommandDone)
        qWarning("%s: %s", function, r.message.c_str());
    return r.status == sim::RunStatus::CommandDone;
}

// The diagnostics of compiling kLayout with `pe` on `arch`.
std::string errorsOf(const std::string& pe, sim::Arch arch = sim::Arch::Wse3) {
    const auto r = compileFiles({{"layout.csl", kLayout}, {"pe.csl", pe}}, arch);
    return r.ok ? std::string("(compiled)") : allDiagnostics(r);
}

// kPe with `from` replaced by `to` (which must occur once).
std::string peWith(const std::string& from, const std::string& to) {
    std::string pe = kPe;
    const size_t at = pe.find(from);
    if (at == std::string::npos || pe.find(from, at + 1) != std::string::npos)
        qFatal("peWith: '%s' must occur once", from.c_str());
    return pe.replace(at, from.size(), to);
}

} // namespace

class TestCslQueueFlush : public QObject {
    Q_OBJECT
  private slots:
    void inputQueueFlushWaitsUntilEmpty() {
        const auto r = compileFiles({{"layout.csl", kLayout}, {"pe.csl", kPe}}, sim::Arch::Wse3);
        QVERIFY2(r.ok, allDiagnostics(r).c_str());
        sim::Fabric fabric(r.program);
        QVERIFY(run(fabric, "send"));
        QVERIFY(run(fabric, "flush"));
        for (int i = 0; i < 3; ++i)
            QVERIFY(run(fabric, "take"));
        auto y = readY(fabric);
        QCOMPARE(y.size(), size_t(8));
        QCOMPARE(y[5], 1u); // in flush state right after @queue_flush
        QCOMPARE(y[6], 3u); // three wavelets taken, one still waits:
        QCOMPARE(y[0], 0u); // the handler has not run
        QVERIFY(run(fabric, "take"));
        y = readY(fabric);
        QCOMPARE(y[6], 4u);
        QCOMPARE(y[0], 1u);  // the queue is empty: the handler ran once
        QCOMPARE(y[1], 1u);  // iq_status() had input queue 2 flushed
        QCOMPARE(y[2], 0u);  // no output queue was flushed
        QCOMPARE(y[3], 40u); // after the last wavelet was taken
        QCOMPARE(y[4], 0u);  // exit(iq) reset the status
        // A flush of an empty input queue activates the teardown task at once.
        QVERIFY(run(fabric, "again"));
        y = readY(fabric);
        QCOMPARE(y[0], 2u);
        QCOMPARE(y[1], 1u);
        QCOMPARE(y[4], 0u);
    }

    void misuseIsAnError_data() {
        QTest::addColumn<QString>("from");
        QTest::addColumn<QString>("to");
        QTest::addColumn<int>("arch");
        QTest::addColumn<QString>("error");
        QTest::newRow("wse2") << "    @queue_flush(iq);\n    y[5]"
                              << "    @queue_flush(@get_output_queue(2));\n    y[5]"
                              << int(sim::Arch::Wse2)
                              << "pe.csl:35:5: error: @queue_flush is only available on wse3";
        QTest::newRow("comptime") << "    @set_empty_queue_handler(on_empty, iq);\n"
                                  << "    @set_empty_queue_handler(on_empty, iq);\n"
                                     "    @queue_flush(iq);\n"
                                  << int(sim::Arch::Wse3)
                                  << "pe.csl:60:5: error: @queue_flush is a runtime operation";
        QTest::newRow("handler twice")
            << "    @set_empty_queue_handler(on_empty, iq);\n"
            << "    @set_empty_queue_handler(on_empty, iq);\n"
               "    @set_empty_queue_handler(on_empty, iq);\n"
            << int(sim::Arch::Wse3)
            << "pe.csl:60:5: error: input queue 2 already has an empty queue handler";
        QTest::newRow("not a queue") << "    @queue_flush(iq);\n    y[5]"
                                     << "    @queue_flush(C);\n    y[5]" << int(sim::Arch::Wse3)
                                     << "pe.csl:35:18: error: @queue_flush expects an input_queue "
                                        "or output_queue, found 'color'";
        QTest::newRow("exit of a color")
            << "  queue_flush.exit(iq);\n"
            << "  queue_flush.exit(C);\n"
            << int(sim::Arch::Wse3)
            // (reported inside the library, where exit passes its argument on)
            << "<tile_config/queue_flush>:9:55: error: queue_flush.exit expects an input_queue "
               "or output_queue, found 'color'";
    }
    void misuseIsAnError() {
        QFETCH(QString, from);
        QFETCH(QString, to);
        QFETCH(int, arch);
        QFETCH(QString, error);
        const std::string d =
            errorsOf(peWith(from.toStdString(), to.toStdString()), sim::Arch(arch));
        QVERIFY2(d.find(error.toStdString()) != std::string::npos, d.c_str());
    }
};

QTEST_GUILESS_MAIN(TestCslQueueFlush)
#include "tst_csl_queue_flush.moc"

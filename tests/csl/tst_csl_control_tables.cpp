// The WSE-3 task-table builtins compiled by backend/csl and run on the simulator:
// @set_control_task_table (control tasks in a table of their own, so a control task and a
// local task share an ID; an input queue's `.ctrl_table_id` with the table's `.stride` moves
// its control wavelets' entrypoints) and @bind_rotating_tasks (every `limit`-th start of the
// data task runs the alternate task instead, leaving the wavelet). PE(0,0) sends, PE(1,0)
// records what ran in `y`.
#include "tests/csl/csl_test_support.h"

#include <QTest>

#include <string>
#include <vector>

namespace {

using namespace csl_tests;

// Sends `words` (u32, `count` of them; `control` marks control wavelets) east.
std::string senderTile(const std::string& words, int count, bool control) {
    const std::string n = std::to_string(count);
    return R"(
param memcpy_params;
param c: color;
const sys_mod = @import_module("<memcpy/memcpy>", memcpy_params);
const ctrl = @import_module("<control>");
var y = @zeros([8]u32);
const y_ptr: [*]u32 = &y;
var w = [)" +
           n + "]u32{ " + words + R"( };
const oq = @get_output_queue(2);
const out = @get_dsd(fabout_dsd, .{ .extent = )" +
           n + ", .output_queue = oq" + (control ? ", .control = true" : "") + R"( });
const src = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{)" +
           n + R"(} -> w[i] });
fn compute() void {
  @mov32(out, src);
  sys_mod.unblock_cmd_stream();
}
comptime {
  @initialize_queue(oq, .{ .color = c });
  @export_symbol(y_ptr, "y");
  @export_symbol(compute);
}
)";
}

// A receiver whose tasks are `tasks` and comptime bindings `binds`; compute activates local
// task 10 and returns.
std::string receiver(const std::string& tasks, const std::string& binds) {
    return R"(
param memcpy_params;
param c: color;
const sys_mod = @import_module("<memcpy/memcpy>", memcpy_params);
var y = @zeros([8]u32);
const y_ptr: [*]u32 = &y;
const iq = @get_input_queue(2);
)" + tasks +
           R"(
fn compute() void {
  @activate(@get_local_task_id(10));
  sys_mod.unblock_cmd_stream();
}
comptime {
)" + binds +
           R"(
  @export_symbol(y_ptr, "y");
  @export_symbol(compute);
}
)";
}

std::vector<uint32_t> runPair(const std::string& send, const std::string& recv,
                              std::string* diags) {
    const auto r = compileFiles(
        {{"layout.csl", eastPairLayout("u32")}, {"send.csl", send}, {"recv.csl", recv}},
        sim::Arch::Wse3);
    *diags = allDiagnostics(r);
    if (!r.ok)
        return {};
    sim::Fabric fabric(r.program);
    const sim::RunResult run = fabric.runUntilDone(fabric.launch("compute", {}), 1'000'000);
    if (run.status != sim::RunStatus::CommandDone) {
        *diags += run.message;
        return {};
    }
    fabric.runUntilIdle(1'000'000);
    return readSymbol(fabric, "y", 1, 0, 8, 1'000'000);
}

// Two control wavelets with entrypoints 10 and 2, data 5 and 7.
const std::string kTwoControlWavelets =
    "ctrl.encode_control_task_payload_with_data(@get_control_task_id(10), 5), "
    "ctrl.encode_control_task_payload_with_data(@get_control_task_id(2), 7)";

} // namespace

class TestCslControlTables : public QObject {
    Q_OBJECT
  private slots:
    // Control task 10 and local task 10 both run; entrypoint 2 reaches control task 2.
    void separateTableLetsIdsRepeat() {
        std::string diags;
        const auto y = runPair(senderTile(kTwoControlWavelets, 2, true),
                               receiver(R"(
task on_control(d: u16) void { y[0] += @as(u32, d); y[1] += 1; }
task on_two(d: u16) void { y[2] += @as(u32, d); }
task local_ten() void { y[3] = 99; }
)",
                                        R"(
  @bind_control_task(on_control, @get_control_task_id(10));
  @bind_control_task(on_two, @get_control_task_id(2));
  @bind_local_task(local_ten, @get_local_task_id(10));
  @initialize_queue(iq, .{ .color = c });
  @unblock(iq); // no data task: the channel starts blocked
  @set_control_task_table(.{ .instructions = 8, .stride = 4 });
)"),
                               &diags);
        QVERIFY2(!y.empty(), diags.c_str());
        QCOMPARE(y, (std::vector<uint32_t>{5, 1, 7, 99, 0, 0, 0, 0}));
    }

    // Without a separate table the same bindings clash, as the builtins page's example says.
    void sharedTableClashes() {
        std::string diags;
        const auto y = runPair(senderTile(kTwoControlWavelets, 2, true),
                               receiver("task on_control(d: u16) void { y[0] = d; }\n"
                                        "task local_ten() void { y[3] = 99; }\n",
                                        "  @bind_control_task(on_control, "
                                        "@get_control_task_id(10));\n"
                                        "  @bind_local_task(local_ten, @get_local_task_id(10));\n"
                                        "  @initialize_queue(iq, .{ .color = c });\n"),
                               &diags);
        QVERIFY(y.empty());
        QVERIFY2(diags.find("task ID 10 is already bound to 'local_ten'") != std::string::npos,
                 diags.c_str());
    }

    // Input queue 2 uses control table 1 with stride 4: entrypoint 2 starts entry 6 and
    // entrypoint 10 entry 14.
    void queueTableOffsetsEntrypoints() {
        std::string diags;
        const auto y = runPair(senderTile(kTwoControlWavelets, 2, true),
                               receiver(R"(
task at_six(d: u16) void { y[4] = d; }
task at_fourteen(d: u16) void { y[5] = d; }
task at_two(d: u16) void { y[6] = d; }
task local_ten() void { y[3] = 99; }
)",
                                        R"(
  @bind_control_task(at_six, @get_control_task_id(6));
  @bind_control_task(at_fourteen, @get_control_task_id(14));
  @bind_control_task(at_two, @get_control_task_id(2));
  @bind_local_task(local_ten, @get_local_task_id(10));
  @initialize_queue(iq, .{ .color = c, .ctrl_table_id = 1 });
  @unblock(iq); // no data task: the channel starts blocked
  @set_control_task_table(.{ .stride = 4 });
)"),
                               &diags);
        QVERIFY2(!y.empty(), diags.c_str());
        QCOMPARE(y, (std::vector<uint32_t>{0, 0, 0, 99, 7, 5, 0, 0}));
    }

    // Seven data wavelets 1..7 with limit 3 (init 0): main takes 1, 2, 3, then alt runs
    // and main takes 4, 5, 6, alt again, main 7. y[0]: main's starts, y[1]: alt's, y[2]:
    // the sum main saw, y[3]: how many values main had taken when alt first ran. With init 2
    // alt runs after main's first start.
    void rotatingTasksTakeTurns_data() {
        QTest::addColumn<QString>("init");
        QTest::addColumn<uint32_t>("mainBeforeAlt");
        QTest::newRow("init 0") << "" << 3u;
        QTest::newRow("init 2") << ", .init = 2" << 1u;
    }
    void rotatingTasksTakeTurns() {
        QFETCH(QString, init);
        QFETCH(uint32_t, mainBeforeAlt);
        std::string diags;
        const auto y = runPair(senderTile("1, 2, 3, 4, 5, 6, 7", 7, false),
                               receiver(R"(
task main_task(v: u32) void { y[0] += 1; y[2] += v; }
task alt_task() void { if (y[1] == 0) { y[3] = y[0]; } y[1] += 1; }
task local_ten() void { y[4] = 99; }
)",
                                        "  @bind_rotating_tasks(main_task, alt_task, "
                                        "@get_data_task_id(iq), .{ .limit = 3" +
                                            init.toStdString() + R"( });
  @bind_local_task(local_ten, @get_local_task_id(10));
  @initialize_queue(iq, .{ .color = c });
  @set_control_task_table();
)"),
                               &diags);
        QVERIFY2(!y.empty(), diags.c_str());
        QCOMPARE(y[0], 7u);
        QCOMPARE(y[2], 28u);
        QCOMPARE(y[3], mainBeforeAlt);
        QCOMPARE(y[1], 2u);
        QCOMPARE(y[4], 99u);
    }

    void misuseIsAnError_data() {
        QTest::addColumn<QString>("binds");
        QTest::addColumn<QString>("message");
        QTest::newRow("twice") << "  @set_control_task_table();\n  @set_control_task_table();\n"
                               << "@set_control_task_table can be called at most once";
        QTest::newRow("instructions")
            << "  @set_control_task_table(.{ .instructions = 3 });\n"
            << "'.instructions' of @set_control_task_table must be 2, 4 or 8, found 3";
        QTest::newRow("no limit")
            << "  @bind_rotating_tasks(main_task, alt_task, @get_data_task_id(iq), .{});\n"
            << "@bind_rotating_tasks needs '.limit'";
        QTest::newRow("clash without a table")
            << "  @bind_rotating_tasks(main_task, alt_task, "
               "@get_data_task_id(@get_input_queue(0)), "
               ".{ .limit = 2 });\n"
            << "call @set_control_task_table to give control tasks their own table";
        QTest::newRow("three pairs")
            << "  @bind_rotating_tasks(main_task, alt_task, @get_data_task_id(iq), .{ .limit = 2 "
               "});\n"
               "  @bind_rotating_tasks(m3, alt_task, @get_data_task_id(@get_input_queue(3)), .{ "
               ".limit = 2 });\n"
               "  @bind_rotating_tasks(m4, alt_task, @get_data_task_id(@get_input_queue(4)), .{ "
               ".limit = 2 });\n"
            << "@bind_rotating_tasks can be called at most twice";
    }
    void misuseIsAnError() {
        QFETCH(QString, binds);
        QFETCH(QString, message);
        std::string diags;
        const auto y =
            runPair(senderTile("1", 1, false),
                    receiver("task main_task(v: u32) void { y[0] = v; }\n"
                             "task m3(v: u32) void { y[0] = v; }\n"
                             "task m4(v: u32) void { y[0] = v; }\n"
                             "task alt_task() void { y[1] = 1; }\n"
                             "task local_ten() void {}\n",
                             binds.toStdString() + "  @bind_local_task(local_ten, "
                                                   "@get_local_task_id(10));\n"
                                                   "  @initialize_queue(iq, .{ .color = c });\n"),
                    &diags);
        QVERIFY(y.empty());
        QVERIFY2(diags.find(message.toStdString()) != std::string::npos, diags.c_str());
    }
};

QTEST_GUILESS_MAIN(TestCslControlTables)
#include "tst_csl_control_tables.moc"

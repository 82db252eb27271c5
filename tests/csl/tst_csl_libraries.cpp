// Library members taken from the SDK's Libraries page and run on the simulator:
// <control>.encode_payload and MAX_CMDS (checked against sim's own control wavelet
// encoding), <debug>.trace / put_u16 / put_u32 / tagged_put_u8, <tile_config>'s reg_type,
// word_size, target_name, fabric_coord / get_fabric_coord, teardown.get_task_id and
// color_config's fabric_io / set_, toggle_, clear_io_direction, and
// <math>.isSignaling. Misuse is a compile error (a library's @comptime_assert is reported
// at the assertion in the library source).
#include "tests/csl/language_programs.h"

#include "sim/program.h"

#include <QTest>

using namespace csl_tests;

namespace {

const char* kLayout = R"(
const memcpy = @import_module("<memcpy/get_params>", .{ .width = 2, .height = 3 });
layout {
  @set_rectangle(2, 3);
  for (@range(u16, 2)) |x| {
    for (@range(u16, 3)) |y| {
      @set_tile_code(x, y, "pe.csl", .{ .memcpy_params = memcpy.get_params(x) });
    }
  }
  @export_name("y", [*]u32, false);
  @export_name("compute", fn(u16)void);
}
)";

const char* kPe = R"(
param memcpy_params;
const sys_mod = @import_module("<memcpy/memcpy>", memcpy_params);
const ctrl = @import_module("<control>");
const dbg = @import_module("<debug>", .{ .key = "t", .buffer_size = 16 });
const tile_config = @import_module("<tile_config>");
const math = @import_module("<math>");
var y = @zeros([24]u32);
// Signaling NaNs, read at run time (a comptime f32 value is held as a double, which quiets
// them).
var snan32: u32 = 0x7f800001;
var snan16: u16 = 0x7c01;
const y_ptr: [*]u32 = &y;
fn compute(flag: u16) void {
  y[0] = ctrl.encode_payload(2, [2]ctrl.opcode{ ctrl.opcode.SWITCH_ADV, ctrl.opcode.TEARDOWN },
                             [2]bool{ false, true }, flag != 0, @get_control_task_id(5));
  y[1] = ctrl.encode_payload(1, [1]ctrl.opcode{ ctrl.opcode.SWITCH_RST }, [1]bool{ true },
                             false, {});
  y[2] = ctrl.MAX_CMDS;
  dbg.trace(@as(u16, 0x1234));
  dbg.trace(@as(f32, 1.5));
  dbg.trace(true);
  dbg.put_u32(0xabcd1234);
  dbg.tagged_put_u8(0x42, 7);
  dbg.put_u16(0x5678);
  for (@range(u16, 10)) |i| { y[3 + i] = dbg.buffer[i]; }
  y[13] = dbg.buffer_index;
  y[14] = tile_config.get_fabric_coord(tile_config.fabric_coord.X);
  y[15] = tile_config.get_fabric_coord(tile_config.fabric_coord.Y);
  y[16] = @get_int(tile_config.teardown.get_task_id());
  const w: tile_config.reg_type = tile_config.word_size;
  y[17] = w;
  y[18] = if (math.isSignaling(@bitcast(f32, snan32))) 1 else 0;
  y[19] = if (math.isSignaling(math.NaN(f32))) 1 else 0;
  y[20] = if (math.isSignaling(@bitcast(f16, snan16))) 1 else 0;
  y[21] = if (math.isSignaling(@as(f32, 1.0))) 1 else 0;
  y[22] = @get_array(tile_config.target_name)[3] - '0';
  sys_mod.unblock_cmd_stream();
}
comptime {
  @export_symbol(y_ptr, "y");
  @export_symbol(compute);
}
)";

// y of PE (1, 2) after compute(flag).
std::vector<uint32_t> run(const std::shared_ptr<sim::FabricProgram>& prog, uint32_t flag) {
    sim::Fabric fabric(prog);
    auto r = fabric.runUntilDone(fabric.launch("compute", {flag}), 1'000'000);
    if (r.status != sim::RunStatus::CommandDone)
        qWarning("%s", r.message.c_str());
    return readSymbol(fabric, "y", 1, 2, 24, 1'000'000);
}

// Routes built at run time with <tile_config>.color_config: PE 0's color 3 starts without
// outputs and PE 1's without inputs; PE 0 adds TX_EAST (and toggles TX_NORTH on and off
// again), PE 1 adds RX_WEST through the configuration address and clears an input it does
// not have. Only then can PE 0's four wavelets reach PE 1.
const char* kRouteLayout = R"(
const memcpy = @import_module("<memcpy/get_params>", .{ .width = 2, .height = 1 });
layout {
  @set_rectangle(2, 1);
  @set_tile_code(0, 0, "pe.csl", .{ .memcpy_params = memcpy.get_params(0), .sender = true });
  @set_tile_code(1, 0, "pe.csl", .{ .memcpy_params = memcpy.get_params(1), .sender = false });
  @set_color_config(0, 0, @get_color(3), .{ .routes = .{ .rx = .{RAMP}, .tx = .{} } });
  @set_color_config(1, 0, @get_color(3), .{ .routes = .{ .rx = .{}, .tx = .{RAMP} } });
  @export_name("y", [*]u32, false);
  @export_name("compute", fn()void);
}
)";

const char* kRoutePe = R"(
param memcpy_params;
param sender: bool;
const sys_mod = @import_module("<memcpy/memcpy>", memcpy_params);
const color_config = @import_module("<tile_config>").color_config;
const C: color = @get_color(3);
var y = @zeros([4]u32);
const y_ptr: [*]u32 = &y;
var data = [4]u32{ 1, 2, 3, 4 };
const src = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{4} -> data[i] });
const dst = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{4} -> y[i] });
const out = @get_dsd(fabout_dsd, .{ .extent = 4, .fabric_color = C,
                                     .output_queue = @get_output_queue(2) });
const in = @get_dsd(fabin_dsd, .{ .extent = 4, .fabric_color = C,
                                   .input_queue = @get_input_queue(2) });
task done() void { sys_mod.unblock_cmd_stream(); }
fn compute() void {
  if (sender) {
    color_config.set_io_direction(C, color_config.fabric_io.TX_EAST);
    color_config.toggle_io_direction(C, color_config.fabric_io.TX_NORTH);
    color_config.toggle_io_direction(C, color_config.fabric_io.TX_NORTH);
    @mov32(out, src, .{ .async = true, .activate = done });
  } else {
    const addr = color_config.get_color_config_addr(C);
    color_config.set_io_direction(addr, color_config.fabric_io.RX_WEST);
    color_config.clear_io_direction(C, color_config.fabric_io.RX_EAST);
    @mov32(dst, in, .{ .async = true, .activate = done });
  }
}
comptime {
  @bind_local_task(done, @get_local_task_id(9));
  if (!sender) {
    @initialize_queue(@get_input_queue(2), .{ .color = C });
  } else {
    @initialize_queue(@get_output_queue(2), if (@is_arch("wse3")) .{ .color = C } else .{});
  }
  @export_symbol(y_ptr, "y");
  @export_symbol(compute);
}
)";

uint32_t expectedPayload(bool ignoreRest) {
    using Op = sim::ControlOpcode;
    sim::ControlCommand cmds[8] = {{Op::SwitchAdvance, false}, {Op::Teardown, true}};
    for (int k = 2; k < 8; ++k)
        cmds[k] = {Op::Nop, ignoreRest};
    return sim::encodeControlCommands(cmds, 8, 5);
}

} // namespace

class TestCslLibraries : public QObject {
    Q_OBJECT
  private slots:
    // A <debug> entry is written whole or not at all: in a 7-word buffer after a u16 (2
    // words) and an f32 (3), a u32 (3) and a string of 3 characters (3) no longer fit and
    // leave nothing, a bool (1) still does, and so does a u16 only if the bool left room.
    void debugEntriesAreWholeOrAbsent_data() { addArchRows(); }
    void debugEntriesAreWholeOrAbsent() {
        QFETCH(int, arch);
        const LanguageCase c{"debug_full_buffer",
                             program(R"(
const dbg = @import_module("<debug>", .{ .key = "full", .buffer_size = 7 });
)",
                                     R"(
  dbg.trace_u16(0x1234);
  dbg.trace_f32(1.5);
  dbg.trace_u32(0xdeadbeef);
  dbg.trace_string("abc");
  dbg.trace_bool(true);
  dbg.trace_u16(0x5678);
  for (@range(u16, 7)) |i| { y[i] = dbg.buffer[i]; }
  y[7] = dbg.buffer_index;
)"),
                             // The u32 does not fit: it and everything after it (the bool
                             // would) are left out, so the trace stays a prefix.
                             {0x48, 0x1234, 0x66, 0x0000, 0x3fc0, 0, 0, 5}};
        checkLanguageCase(c, sim::Arch(arch));
    }
    // trace_timestamp starts the timestamp counter when the program has not (the SDK's
    // <debug> tutorial never calls enable_tsc): the second of two timestamps with a loop
    // between them is the later one (both were 0).
    void traceTimestampStartsTheCounter_data() { addArchRows(); }
    void traceTimestampStartsTheCounter() {
        QFETCH(int, arch);
        const LanguageCase c{"trace_timestamp_without_enable_tsc",
                             program(R"(
const clock = @import_module("<debug>", .{ .key = "clock", .buffer_size = 16 });
)",
                                     R"(
  clock.trace_timestamp();
  var s: u32 = 0;
  for (@range(u32, 20)) |i| { s += i; }
  clock.trace_timestamp();
  const first = @as(u32, clock.buffer[1]) | (@as(u32, clock.buffer[2]) << 16);
  const second = @as(u32, clock.buffer[5]) | (@as(u32, clock.buffer[6]) << 16);
  y[0] = if (second > first) 1 else 0;
  y[1] = clock.buffer_index;
  y[2] = s;
)"),
                             {1, 8, 190}};
        checkLanguageCase(c, sim::Arch(arch));
    }
    // switch_config.set_pop_mode with a pop mode known only at run time (the launch picks
    // it): the router's pop mode follows, CLEAR_MASK clearing it (failed to compile before:
    // "<tile_config/switch_config>:36:46: error: expected type 'u16', found 'i32'").
    void runtimePopMode_data() { addArchRows(); }
    void runtimePopMode() {
        QFETCH(int, arch);
        const LanguageCase c{"runtime_pop_mode",
                             program(R"(
const sw = @import_module("<tile_config>").switch_config;
const router = @import_module("<tessera/router>");
const C: color = @get_color(4);
var pick: u16 = 1;
fn mode(k: u16) sw.pop_mode {
  return if (k == 1) sw.pop_mode.ALWAYS_POP else if (k == 2) sw.pop_mode.POP_ON_ADVANCE
         else sw.pop_mode.CLEAR_MASK;
}
comptime {
  @set_local_color_config(C, .{ .routes = .{ .rx = .{RAMP}, .tx = .{EAST} } });
}
)",
                                     R"(
  sw.set_pop_mode(C, mode(pick));
  y[0] = router.get(@get_int(C), 11);
  pick = 2;
  sw.set_pop_mode(sw.get_switch_config_addr(C, sw.pop_mode), mode(pick));
  y[1] = router.get(@get_int(C), 11);
  pick = 3;
  sw.set_pop_mode(C, mode(pick));
  y[2] = router.get(@get_int(C), 11);
)"),
                             {1, 2, 0}};
        checkLanguageCase(c, sim::Arch(arch));
    }
    void membersCompute_data() { addArchRows(); }
    void membersCompute() {
        QFETCH(int, arch);
        const auto r = compileFiles({{"layout.csl", kLayout}, {"pe.csl", kPe}}, sim::Arch(arch));
        QVERIFY2(r.ok, allDiagnostics(r).c_str());
        auto y = run(r.program, 1);
        QCOMPARE(y.size(), size_t(24));
        QCOMPARE(y[0], expectedPayload(true));
        const sim::ControlCommand reset[1] = {{sim::ControlOpcode::SwitchReset, true}};
        // No entrypoint (`{}`) is entrypoint 31, which starts no control task (it was 0).
        QCOMPARE(y[1], sim::encodeControlCommands(reset, 1, sim::kNoControlEntrypoint));
        QCOMPARE(y[2], 8u);
        // <debug>: tag words (low byte the struct code, 8-bit values in the high byte) and
        // values, as backend/debug reads them.
        const std::vector<uint32_t> words = {0x48,  0x1234, 0x66,   0x0000, 0x3fc0,
                                             0x13f, 0x1234, 0xabcd, 0x742,  0x5678};
        QCOMPARE(std::vector<uint32_t>(y.begin() + 3, y.begin() + 13), words);
        QCOMPARE(y[13], 10u);
        QCOMPARE(y[14], 1u); // PE (1, 2)
        QCOMPARE(y[15], 2u);
        QCOMPARE(y[16], 29u);
        QCOMPARE(y[17], 2u);
        QCOMPARE(y[18], 1u); // exponent all ones, quiet bit clear, mantissa non-zero
        QCOMPARE(y[19], 0u); // the quiet NaN
        QCOMPARE(y[20], 1u);
        QCOMPARE(y[21], 0u);
        QCOMPARE(y[22], arch == int(sim::Arch::Wse3) ? 3u : 2u);
        y = run(r.program, 0);
        QCOMPARE(y[0], expectedPayload(false));
    }

    void ioDirectionsAtRuntime_data() { addArchRows(); }
    void ioDirectionsAtRuntime() {
        QFETCH(int, arch);
        const auto r =
            compileFiles({{"layout.csl", kRouteLayout}, {"pe.csl", kRoutePe}}, sim::Arch(arch));
        QVERIFY2(r.ok, allDiagnostics(r).c_str());
        sim::Fabric fabric(r.program);
        const auto done = fabric.runUntilDone(fabric.launch("compute", {}), 1'000'000);
        QVERIFY2(done.status == sim::RunStatus::CommandDone, done.message.c_str());
        QCOMPARE(readSymbol(fabric, "y", 1, 0, 4, 1'000'000), (std::vector<uint32_t>{1, 2, 3, 4}));
    }

    void misuseIsAnError_data() {
        QTest::addColumn<QString>("from");
        QTest::addColumn<QString>("to");
        QTest::addColumn<QString>("error");
        QTest::newRow("trace of u64")
            << "dbg.trace(true);"
            << "dbg.trace(@as(u64, 1));"
            << "<debug>:76:10: error: comptime assertion failed: "
               "<debug>.trace takes bool, u8, i8, u16, i16, @fp16(), u32, "
               "i32 or f32";
        QTest::newRow("nine commands")
            << "ctrl.encode_payload(1, [1]ctrl.opcode{ ctrl.opcode.SWITCH_RST }, [1]bool{ true },"
            << "ctrl.encode_payload(9, [9]ctrl.opcode{ ctrl.opcode.NOP, ctrl.opcode.NOP, "
               "ctrl.opcode.NOP, ctrl.opcode.NOP, ctrl.opcode.NOP, ctrl.opcode.NOP, "
               "ctrl.opcode.NOP, ctrl.opcode.NOP, ctrl.opcode.NOP }, @zeros([9]bool),"
            << "<control>:29:3: error: comptime assertion failed: encode_payload takes 1 to 8 "
               "commands";
        QTest::newRow("isSignaling of i16") << "math.isSignaling(@as(f32, 1.0))"
                                            << "math.isSignaling(@as(i16, 1))"
                                            << "<math>:59:5: error: comptime assertion failed: "
                                               "isSignaling takes f16, cb16, bf16 or f32";
        QTest::newRow("fabric_coord") << "tile_config.fabric_coord.Y)"
                                      << "tile_config.fabric_coord.Z)"
                                      << "pe.csl:29:40: error: enum 'fabric_coord' has no member "
                                         "named 'Z'";
    }
    void misuseIsAnError() {
        QFETCH(QString, from);
        QFETCH(QString, to);
        QFETCH(QString, error);
        std::string pe = kPe;
        const std::string f = from.toStdString();
        const size_t at = pe.find(f);
        QVERIFY(at != std::string::npos && pe.find(f, at + 1) == std::string::npos);
        pe.replace(at, f.size(), to.toStdString());
        const auto r = compileFiles({{"layout.csl", kLayout}, {"pe.csl", pe}}, sim::Arch::Wse2);
        QVERIFY(!r.ok);
        const std::string d = allDiagnostics(r);
        QVERIFY2(d.find(error.toStdString()) != std::string::npos, d.c_str());
    }
};

QTEST_GUILESS_MAIN(TestCslLibraries)
#include "tst_csl_libraries.moc"

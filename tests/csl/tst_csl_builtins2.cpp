// Builtins of the SDK's RPC page (@get_symbol_id, @get_symbol_value, @get_tensor_ptr,
// @has_exported_tensors) compiled by backend/csl and run on the simulator, every result
// checked word by word on both architectures; the documented builtins we still refuse name
// themselves and the reason; 'packed' and 'union' are ordinary identifiers.
#include "tests/csl/csl_test_support.h"

#include <QTest>

#include <string>
#include <vector>

namespace {

using namespace csl_tests;

// Host symbols in @export_name order: their ids are 0..6.
const char* kRpcLayout = R"(
const memcpy = @import_module("<memcpy/get_params>", .{ .width = 1, .height = 1 });
layout {
  @set_rectangle(1, 1);
  @set_tile_code(0, 0, "pe.csl", .{ .memcpy_params = memcpy.get_params(0) });
  @export_name("y", [*]u32, true);
  @export_name("compute", fn(u16)void);
  @export_name("A", i16, true);
  @export_name("B", i16, true);
  @export_name("C", u32, false);
  @export_name("z", [*]u32, true);
  @export_name("B_again", i16, true);
}
)";

// compute is exported first, so its body asks for ids of symbols exported after it.
// y[0..3]  ids of A, B, compute and z (comptime)
// y[4]     @get_symbol_value(i16, sel) for the host's sel (B's id): B = 17
// y[5]     @get_symbol_value(i16, A's id): -5 as 16 bits
// y[6]     @get_symbol_value(u32, C's id) at run time
// y[7]     z[1] through @get_tensor_ptr(z's id)
// y[8]     w[0] through @get_tensor_ptr(z's id) after z_ptr was re-pointed at w
// y[9]     y[11] through @get_tensor_ptr(y's id) (a const pointer)
// y[10]    @has_exported_tensors()
// y[11]    the value read as y[9]; then @get_symbol_value(i16, id of "B_again") = B
// y[12]    whether sel == @get_symbol_id(B), compared at run time
// y[13]    an id of no i16 symbol reads zero
const char* kRpcTile = R"(
param memcpy_params;
const sys_mod = @import_module("<memcpy/memcpy>", memcpy_params);
var A: i16 = -5;
var B: i16 = 17;
var C: u32 = 0x12345678;
var y = @zeros([14]u32);
const y_ptr: [*]u32 = &y;
var z = [4]u32 { 10, 11, 12, 13 };
var w = [2]u32 { 20, 21 };
var z_ptr: [*]u32 = &z;
fn bits(v: i16) u32 {
  return @as(u32, @bitcast(u16, v));
}
fn compute(sel: u16) void {
  y[0] = @get_symbol_id(A);
  y[1] = @get_symbol_id(B);
  y[2] = @get_symbol_id(compute);
  y[3] = @get_symbol_id(z_ptr);
  y[4] = bits(@get_symbol_value(i16, sel));
  const a_id: u16 = @get_symbol_id(A);
  y[5] = bits(@get_symbol_value(i16, a_id));
  var c_id: u32 = 4;
  y[6] = @get_symbol_value(u32, c_id);
  const zp = @ptrcast([*]u32, @get_tensor_ptr(@get_symbol_id(z_ptr)));
  y[7] = zp[1];
  z_ptr = &w;
  const wp = @ptrcast([*]u32, @get_tensor_ptr(@get_symbol_id(z_ptr)));
  y[8] = wp[0];
  y[11] = 0xabcd;
  if (@has_exported_tensors()) {
    const yp = @ptrcast([*]u32, @get_tensor_ptr(@get_symbol_id(y_ptr)));
    y[9] = yp[11];
    y[10] = 1;
  }
  y[11] = bits(@get_symbol_value(i16, @as(u16, 6)));
  y[12] = if (sel == @get_symbol_id(B)) 1 else 0;
  y[13] = bits(@get_symbol_value(i16, sel + 100));
  sys_mod.unblock_cmd_stream();
}
comptime {
  @export_symbol(compute);
  @export_symbol(y_ptr, "y");
  @export_symbol(A);
  @export_symbol(B);
  @export_symbol(C);
  @export_symbol(z_ptr, "z");
  @export_symbol(B, "B_again");
}
)";

// 'packed' and 'union' name a variable, a function, a parameter and a struct field; 'pub'
// a variable.
const char* kPackedUnionTile = R"(
param memcpy_params;
const sys_mod = @import_module("<memcpy/memcpy>", memcpy_params);
var packed = @zeros([3]u32);
var pub: u32 = 2;
const Pair = struct { union: u32, other: u32 };
fn union(packed_count: u32) u32 {
  return packed_count * 3;
}
var y = @zeros([4]f32);
const y_ptr: [*]f32 = &y;
fn compute(n: u16) void {
  const union_value = Pair { .union = 4, .other = 5 };
  packed[0] = union(@as(u32, n));
  packed[1] = union_value.union + union_value.other;
  var union: u32 = pub;
  union += packed[1];
  y[0] = @as(f32, packed[0]);
  y[1] = @as(f32, packed[1]);
  y[2] = @as(f32, union);
  sys_mod.unblock_cmd_stream();
}
comptime {
  @export_symbol(y_ptr, "y");
  @export_symbol(compute);
}
)";

// <tile_config> members added from the Libraries page: color 5 starts in teardown mode
// (layout), color 4 is reconfigured through switch_config, color 6 gives the Builtins page's
// deprecated '.routes.pop_mode'.
const char* kTileConfigLayout = R"(
const memcpy = @import_module("<memcpy/get_params>", .{ .width = 1, .height = 1 });
layout {
  @set_rectangle(1, 1);
  @set_tile_code(0, 0, "pe.csl", .{ .memcpy_params = memcpy.get_params(0) });
  @set_color_config(0, 0, @get_color(4), .{ .routes = .{ .rx = .{WEST}, .tx = .{RAMP} } });
  @set_color_config(0, 0, @get_color(5), .{ .routes = .{ .rx = .{WEST}, .tx = .{RAMP} },
                                            .teardown = true });
  @set_color_config(0, 0, @get_color(6), .{ .routes = .{ .rx = .{WEST}, .tx = .{RAMP},
                                                         .pop_mode = .{ .always_pop = true } } });
  @export_name("y", [*]u32, false);
  @export_name("compute", fn(u16)void);
}
)";

// y[0..3]   teardown.get_pending / is_pending before and after exit(color 5)
// y[4..5]   set_current_switch_position(n), then clear_current_position by address
// y[6..8]   WSE-2 only, the router registers: ring mode, pop mode ALWAYS_POP, position 2
//           an input switch from EAST (code 1 | input select 8)
// y[9]      WSE-2: pop mode after set_pop_mode(CLEAR_MASK)
// y[10]     output_queue_status.get_raw(): every queue empty, none full
// y[11..13] input_queue_status: all_empty, none_full, is_empty(queue 2), is_full(queue 2)
// y[14]     WSE-2: color 6's pop mode from the layout (ALWAYS_POP)
const char* kTileConfigTile = R"(
param memcpy_params;
const sys_mod = @import_module("<memcpy/memcpy>", memcpy_params);
const tc = @import_module("<tile_config>");
const sw = tc.switch_config;
const C4: color = @get_color(4);
const C5: color = @get_color(5);
var y = @zeros([15]u32);
const y_ptr: [*]u32 = &y;
fn flag(b: bool) u32 { return if (b) 1 else 0; }
fn compute(n: u16) void {
  const p0 = tc.teardown.get_pending();
  y[0] = p0;
  y[1] = flag(tc.teardown.is_pending(p0, C5));
  y[2] = flag(tc.teardown.is_pending(p0, C4));
  tc.teardown.exit(C5);
  y[3] = tc.teardown.get_pending();
  sw.set_current_switch_position(C4, n);
  y[4] = sw.get_current_position(C4);
  const addr = sw.get_switch_config_addr(C4, sw.switch_status);
  sw.clear_current_position(addr);
  y[5] = sw.get_current_position(addr);
  sw.set_switch_pos(sw.switch_pos.POS2, C4, EAST, sw.switch_select.INPUT);
  sw.set_ring_mode(C4, sw.ring_mode.RING_MODE);
  sw.set_pop_mode(C4, sw.pop_mode.ALWAYS_POP);
  if (@is_arch("wse2")) {
    y[6] = (@get_config(0x7f44) >> 12) & 1;
    y[7] = (@get_config(0x7f24) >> 12) & 3;
    y[8] = (@get_config(0x7f44) >> 4) & 0xf;
    sw.set_pop_mode(addr, sw.pop_mode.CLEAR_MASK);
    y[9] = (@get_config(0x7f24) >> 12) & 3;
    y[14] = (@get_config(0x7f26) >> 12) & 3;
  }
  y[10] = tc.output_queue_status.get_raw();
  const s = tc.input_queue_status.get();
  y[11] = flag(tc.input_queue_status.all_empty(s)) + 2 * flag(tc.input_queue_status.none_full(s));
  y[12] = flag(tc.input_queue_status.is_empty(s, @get_input_queue(2)));
  y[13] = flag(tc.input_queue_status.is_full(s, @get_input_queue(2)));
  // Priorities are accepted and change no result (the simulator does not model them).
  tc.main_thread_priority.update_main_thread_priority(tc.main_thread_priority.level.MEDIUM);
  tc.task_priority.update_task_priority(@get_local_task_id(9), tc.task_priority.level.HIGH);
  tc.task_priority.clear_task_priority(@get_local_task_id(9));
  sys_mod.unblock_cmd_stream();
}
comptime {
  @export_symbol(y_ptr, "y");
  @export_symbol(compute);
  tc.main_thread_priority.update_main_thread_priority(tc.main_thread_priority.level.HIGH);
  tc.task_priority.set_task_priority(@get_local_task_id(9));
}
)";

// An SDK 1.0-style program: memcpy gets a LAUNCH color and the tile serves host calls with
// @rpc on its data task (WSE-2: of the color; WSE-3: of an input queue). compute(n) fills
// y[i] = n * (i + 1).
const char* kRpcServerLayout = R"(
const memcpy = @import_module("<memcpy/get_params>", .{ .width = 1, .height = 1,
                                                        .LAUNCH = @get_color(8) });
layout {
  @set_rectangle(1, 1);
  @set_tile_code(0, 0, "pe.csl", .{ .memcpy_params = memcpy.get_params(0) });
  @export_name("y", [*]u32, false);
  @export_name("compute", fn(u16)void);
}
)";

const char* kRpcServerTile = R"(
param memcpy_params;
const sys_mod = @import_module("<memcpy/memcpy>", memcpy_params);
var y = @zeros([4]u32);
const y_ptr: [*]u32 = &y;
fn compute(n: u16) void {
  for (@range(u16, 4)) |i| { y[i] = @as(u32, n) * (@as(u32, i) + 1); }
  sys_mod.unblock_cmd_stream();
}
comptime {
  @export_symbol(y_ptr, "y");
  @export_symbol(compute);
  if (@is_arch("wse3")) {
    @rpc(@get_data_task_id(@get_input_queue(6)));
  } else {
    @rpc(@get_data_task_id(sys_mod.LAUNCH));
  }
}
)";

// SDK 2.10's stride registers: a 3x4 block of a 4x6 f32 matrix moved through a DSR loaded
// with @load_to_dsr_xdsr_sr and no SR (the DSRs page: the first dimension never needs one,
// and with stride one neither does the second), then every other element of two rows (inner
// stride two: one SR); SR values compare and convert with @get_int; types compare with ==.
const char* kStrideRegisterTile = R"(
param memcpy_params;
const sys_mod = @import_module("<memcpy/memcpy>", memcpy_params);
var m = @zeros([4, 6]f32);
var y = @zeros([22]u32);
const y_ptr: [*]u32 = &y;
var block = @zeros([12]f32);
var evens = @zeros([6]f32);
const dest = @get_dsr(dsr_dest, 2);
const src = @get_dsr(dsr_src1, 3);
const xsrc = @get_xdsr(5);
const sr0 = @get_sr(0);
const sr1 = @get_sr(1);
const sr2 = @get_sr(2);
const blockIn = @get_dsd(mem4d_dsd, .{ .tensor_access = |i, j|{3, 4} -> m[i + 1, j + 2] });
const blockOut = @get_dsd(mem1d_dsd, .{ .tensor_access = |k|{12} -> block[k] });
const evensIn = @get_dsd(mem4d_dsd, .{ .tensor_access = |i, j|{2, 3} -> m[i, 2 * j] });
const evensOut = @get_dsd(mem1d_dsd, .{ .tensor_access = |k|{6} -> evens[k] });
fn compute(n: u16) void {
  for (@range(u16, 4)) |i| {
    for (@range(u16, 6)) |j| { m[i, j] = @as(f32, i * 6 + j); }
  }
  @load_to_dsr_xdsr_sr(src, xsrc, .{}, blockIn);
  @load_to_dsr(dest, blockOut);
  @fmovs(dest, src);
  for (@range(u16, 12)) |k| { y[k] = @bitcast(u32, block[k]); }
  @load_to_dsr_xdsr_sr(src, xsrc, .{sr0}, evensIn);
  @load_to_dsr(dest, evensOut);
  @fmovs(dest, src);
  for (@range(u16, 6)) |k| { y[16 + k] = @bitcast(u32, evens[k]); }
  y[12] = @get_int(sr2) + n;
  y[13] = if (sr1 == @get_sr(1)) 1 else 0;
  y[14] = if (sr1 != sr2) 1 else 0;
  y[15] = if (f32 == f32 and f32 != f16) 1 else 0;
  sys_mod.unblock_cmd_stream();
}
comptime {
  @export_symbol(y_ptr, "y");
  @export_symbol(compute);
}
)";

// The Builtins page: a task ID may be "a runtime expression of type u16". compute(n)
// activates local task n (9 or 10), which records itself and releases the command stream.
const char* kRuntimeTaskIdTile = R"(
param memcpy_params;
const sys_mod = @import_module("<memcpy/memcpy>", memcpy_params);
var y = @zeros([2]u32);
const y_ptr: [*]u32 = &y;
task nine() void { y[0] = 9; y[1] += 1; sys_mod.unblock_cmd_stream(); }
task ten() void { y[0] = 10; y[1] += 1; sys_mod.unblock_cmd_stream(); }
fn compute(n: u16) void {
  const id = @get_local_task_id(n);
  @block(id);
  @activate(id);
  @unblock(id);
}
comptime {
  @bind_local_task(nine, @get_local_task_id(9));
  @bind_local_task(ten, @get_local_task_id(10));
  @export_symbol(y_ptr, "y");
  @export_symbol(compute);
}
)";

struct ErrorCase {
    const char* name;
    std::string layoutExports; // @export_name lines
    std::string tile;          // tile code after the memcpy import
    std::string message;       // expected in the diagnostics
};

std::string tileWith(const std::string& body) {
    return "\nparam memcpy_params;\nconst sys_mod = @import_module(\"<memcpy/memcpy>\", "
           "memcpy_params);\n" +
           body;
}

const std::vector<ErrorCase>& errorCases() {
    static const std::vector<ErrorCase> cases = {
        {"unexported_symbol", "@export_name(\"f\", fn()void);\n",
         "var A: i16 = 1;\nvar out: u16 = 0;\nfn f() void { out = @get_symbol_id(A); }\n"
         "comptime { @export_symbol(f); }\n",
         "pe.csl:6:36: error: 'A' is not advertised: @get_symbol_id needs a symbol exported with "
         "@export_symbol"},
        {"no_symbol_of_type",
         "@export_name(\"f\", fn(u16)void);\n@export_name(\"A\", i16, true);\n",
         "var A: i16 = 1;\nvar out: f32 = 0.0;\nfn f(i: u16) void { out = "
         "@get_symbol_value(f32, i); }\ncomptime { @export_symbol(f); @export_symbol(A); }\n",
         "pe.csl:6:27: error: @get_symbol_value(f32, ...): no symbol is advertised with type 'f32' "
         "(there has to be at least one)"},
        {"symbol_value_at_comptime", "@export_name(\"A\", i16, true);\n",
         "var A: i16 = 1;\nconst v = @get_symbol_value(i16, 0);\nvar out: i16 = v;\n"
         "comptime { @export_symbol(A); }\n",
         "pe.csl:5:11: error: @get_symbol_value can only be called at runtime"},
        {"scalar_export_wrong_type", "@export_name(\"A\", i16, true);\n",
         "var A: f32 = 1.0;\ncomptime { @export_symbol(A); }\n",
         "pe.csl:5:27: error: symbol 'A' is declared with @export_name as 'i16', but the symbol "
         "exported under that name is of type 'f32'"},
        {"scalar_export_without_mutability", "@export_name(\"A\", i16);\n", "var A: i16 = 1;\n",
         "layout.csl:6:1: error: @export_name of 'A' with type 'i16' needs the mutability "
         "argument"},
        {"rpc_twice", "",
         "comptime { @rpc(@get_data_task_id(@get_color(3))); "
         "@rpc(@get_data_task_id(@get_color(3))); }\n",
         "pe.csl:4:52: error: @rpc is called twice in this tile code; a PE has at most one RPC "
         "server"},
        {"rpc_task_bound_later", "",
         "task t(x: u16) void { var v = x; v += 1; }\n"
         "comptime { @rpc(@get_data_task_id(@get_color(3)));\n"
         "  @bind_data_task(t, @get_data_task_id(@get_color(3))); }\n",
         "pe.csl:5:17: error: task ID 3 of this @rpc server is bound to 't'; no other task may be "
         "bound to the @rpc server's task ID"},
        {"rpc_at_runtime", "@export_name(\"f\", fn()void);\n",
         "fn f() void { @rpc(@get_data_task_id(@get_color(3))); }\ncomptime { @export_symbol(f); "
         "}\n",
         "pe.csl:4:15: error: @rpc can only be called in a top-level comptime block"},
        {"set_control_task_table", "",
         "comptime { @set_control_task_table(.{ .instructions = 4, .stride = 9 }); }\n",
         "'.stride' of @set_control_task_table must be in [1, 7], found 9"},
        {"bind_rotating_tasks", "",
         "task a(x: u16) void { var v = x; v += 1; }\ntask b() void {}\n"
         "comptime { @bind_rotating_tasks(a, b, @get_data_task_id(@get_input_queue(2)), "
         ".{ .limit = 4, .init = 5 }); }\n",
         "'.init' (5) of @bind_rotating_tasks may not exceed '.limit' (4)"},
        {"data_task_of_64_bits", "",
         "var buf = @zeros([4]f32);\ntask got(v: f32, w: f32) void { buf[0] = v + w; }\n"
         "comptime { @bind_data_task(got, @get_data_task_id(@get_input_queue(2))); }\n",
         "data task 'got' takes 64 bits of parameters (f32, f32); a wavelet carries 32"},
        {"control_task_of_32_bits", "",
         "var buf = @zeros([4]f32);\ntask ct(x: f32) void { buf[0] = x; }\n"
         "comptime { @bind_control_task(ct, @get_control_task_id(40)); }\n",
         "control task 'ct' takes f32; a control wavelet carries 16 bits of data"},
        {"export_a_task", "@export_name(\"go\", fn()void);\n",
         "task done() void {}\ncomptime { @bind_local_task(done, @get_local_task_id(9)); "
         "@export_symbol(done, \"go\"); }\n",
         "'done' is a task; only functions and global variables can be exported"},
        {"activate_a_data_task_id", "@export_name(\"f\", fn()void);\n",
         "fn f() void { @activate(@get_data_task_id(@get_input_queue(3))); }\n"
         "comptime { @export_symbol(f); }\n",
         "@activate expects a local_task_id, found 'data_task_id'"},
        {"dsr_dest_as_a_source", "@export_name(\"f\", fn()void);\n",
         "var a = @zeros([4]f32);\n"
         "const d = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{4} -> a[i] });\n"
         "const dd = @get_dsr(dsr_dest, 1);\nconst ds = @get_dsr(dsr_src1, 1);\n"
         "fn f() void { @load_to_dsr(dd, d); @load_to_dsr(ds, d); @fmovs(ds, dd); }\n"
         "comptime { @export_symbol(f); }\n",
         "a dsr_src1 holds a source operand; it cannot be the destination of @fmovs"},
        {"set_active_prng_at_comptime", "", "comptime { @set_active_prng(1); }\n",
         "@set_active_prng cannot be evaluated at comptime"},
        {"stride_register_count", "@export_name(\"f\", fn()void);\n",
         "var m = @zeros([4, 6]f32);\nconst d = @get_dsr(dsr_src1, 1);\n"
         "const x = @get_xdsr(1);\nconst s0 = @get_sr(0);\nconst s1 = @get_sr(1);\n"
         "const t = @get_dsd(mem4d_dsd, .{ .tensor_access = |i, j|{2, 3} -> m[i, 2 * j] });\n"
         "fn f() void { @load_to_dsr_xdsr_sr(d, x, .{s0, s1}, t); }\n"
         "comptime { @export_symbol(f); }\n",
         "@load_to_dsr_xdsr_sr of this DSD needs 1 SR, found 2"},
        {"two_fabric_inputs", "@export_name(\"f\", fn()void);\n",
         "var r = @zeros([4]f32);\nconst out = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{4} -> "
         "r[i] });\n"
         "const a = @get_dsd(fabin_dsd, .{ .extent = 4, .input_queue = @get_input_queue(2) });\n"
         "const b = @get_dsd(fabin_dsd, .{ .extent = 4, .input_queue = @get_input_queue(3) });\n"
         "fn f() void { @fadds(out, a, b); }\ncomptime { @export_symbol(f); }\n",
         "@fadds has more than one fabin_dsd operand, which WSE-3 does not allow"},
        {"comptime_get_config_unknown", "",
         "comptime { const v = @get_config(0x7e02); @comptime_assert(v == 0); }\n",
         "configuration register 32258 has no value known at comptime"},
        {"runtime_task_id_not_u16", "@export_name(\"f\", fn()void);\n",
         "task t() void {}\nvar k: u32 = 9;\nfn f() void { @activate(@get_local_task_id(k)); }\n"
         "comptime { @bind_local_task(t, @get_local_task_id(9)); @export_symbol(f); }\n",
         "a run-time ID for @get_local_task_id must be a u16, found 'u32'"},
        {"fifo_unknown_field", "",
         "var buf = @zeros([8]f32);\nconst q = @allocate_fifo(buf, .{ .activate_on_pop = 3 });\n",
         "unknown field 'activate_on_pop' in @allocate_fifo configuration"},
        {"get_perf_cntr", "",
         "const time = @import_module(\"<time>\");\nvar r = @zeros([3]u16);\n"
         "fn f() void { time.get_perf_cntr(&r, 0); }\ncomptime { @export_symbol(f); }\n",
         "'get_perf_cntr' of module '<time>' is not supported by this compiler yet: the SDK"},
        {"math_sig", "",
         "const math = @import_module(\"<math>\");\nvar r: f32 = 0.5;\n"
         "fn f() void { r = math.sig(r); }\ncomptime { @export_symbol(f); }\n",
         "'sig' of module '<math>' is not supported by this compiler yet: the Libraries page"},
        {"tile_config_priority_of_a_control_task", "@export_name(\"f\", fn()void);\n",
         "const tc = @import_module(\"<tile_config>\");\n"
         "fn f() void { tc.task_priority.set_task_priority(@get_control_task_id(40)); }\n"
         "comptime { @export_symbol(f); }\n",
         "comptime assertion failed: a control task has the priority of the"},
        {"tile_config_exceptions", "",
         "const tc = @import_module(\"<tile_config>\");\nvar m: u16 = 0;\n"
         "fn f() void { m = tc.exceptions.FP_DIV_BY_0; }\ncomptime { @export_symbol(f); }\n",
         "'exceptions.FP_DIV_BY_0' of module '<tile_config>' is not supported by this compiler "
         "yet: the page gives neither the exception bits' values"},
        {"message_passing", "",
         "const mp = @import_module(\"<message_passing>\", .{ .input_queue_id = 2, "
         ".output_queue_id = 3 });\nvar b = @zeros([4]u32);\n"
         "fn f() void { mp.send_message(0, 0, &b, 4, .{}); }\ncomptime { @export_symbol(f); }\n",
         "'send_message' of module '<message_passing>' is not supported by this compiler yet: the "
         "SDK does not document how a message reaches"},
    };
    return cases;
}

std::vector<std::string> errorCaseNames() {
    std::vector<std::string> names;
    for (const ErrorCase& c : errorCases())
        names.push_back(c.name);
    return names;
}

} // namespace

class TestCslBuiltins2 : public QObject {
    Q_OBJECT
  private slots:
    void rpcSymbols_data() { addArchRows(); }
    void rpcSymbols() {
        QFETCH(int, arch);
        std::string diags;
        auto prog = compileProgram(kRpcLayout, kRpcTile, sim::Arch(arch), &diags);
        QVERIFY2(prog, diags.c_str());
        std::string error;
        const std::vector<uint32_t> y =
            launchAndReadWords(prog, "compute", {3}, "y", 14, 10'000'000, &error);
        QVERIFY2(error.empty(), error.c_str());
        const std::vector<uint32_t> want = {2,  3,  1,      5, 17, 0xfffb, 0x12345678,
                                            11, 20, 0xabcd, 1, 17, 1,      0};
        QCOMPARE(y, want);
    }
    void packedAndUnionAreIdentifiers_data() { addArchRows(); }
    void packedAndUnionAreIdentifiers() {
        QFETCH(int, arch);
        std::string diags;
        auto prog = compileProgram(onePeLayout(true, "fn(u16)void"), kPackedUnionTile,
                                   sim::Arch(arch), &diags);
        QVERIFY2(prog, diags.c_str());
        std::string error;
        const std::vector<uint32_t> y =
            launchAndReadWords(prog, "compute", {7}, "y", 3, 10'000'000, &error);
        QVERIFY2(error.empty(), error.c_str());
        QCOMPARE(asFloats(y), (std::vector<float>{21.0f, 9.0f, 11.0f}));
    }
    void rpcServer_data() { addArchRows(); }
    void rpcServer() {
        QFETCH(int, arch);
        std::string diags;
        auto prog = compileProgram(kRpcServerLayout, kRpcServerTile, sim::Arch(arch), &diags);
        QVERIFY2(prog, diags.c_str());
        std::string error;
        const std::vector<uint32_t> y =
            launchAndReadWords(prog, "compute", {5}, "y", 4, 10'000'000, &error);
        QVERIFY2(error.empty(), error.c_str());
        QCOMPARE(y, (std::vector<uint32_t>{5, 10, 15, 20}));
    }
    void tileConfig_data() { addArchRows(); }
    void tileConfig() {
        QFETCH(int, arch);
        std::string diags;
        auto prog = compileProgram(kTileConfigLayout, kTileConfigTile, sim::Arch(arch), &diags);
        QVERIFY2(prog, diags.c_str());
        std::string error;
        const std::vector<uint32_t> y =
            launchAndReadWords(prog, "compute", {2}, "y", 15, 10'000'000, &error);
        QVERIFY2(error.empty(), error.c_str());
        const bool wse2 = sim::Arch(arch) == sim::Arch::Wse2;
        const uint32_t onWse2 = wse2 ? 1u : 0u;
        const std::vector<uint32_t> want = {1u << 5,    1, 0,      0, 2, 0, onWse2, onWse2,
                                            9 * onWse2, 0, 0x00ff, 3, 1, 0, onWse2};
        QCOMPARE(y, want);
    }
    void switchSettingsFaultWhereThereIsNoSwitch() {
        // WSE-3's color 11 has no switch (SDK-NOTES: switches on colors 0-9, 12, 13, 16, 17,
        // 20 and 21): <tile_config>'s setters stop the run naming it (they made one work).
        std::string tile = kTileConfigTile;
        tile.replace(tile.find("@get_color(4)"), std::string("@get_color(4)").size(),
                     "@get_color(11)");
        std::string diags;
        auto prog = compileProgram(kTileConfigLayout, tile, sim::Arch::Wse3, &diags);
        QVERIFY2(prog, diags.c_str());
        sim::Fabric fabric(prog);
        const auto r = fabric.runUntilDone(fabric.launch("compute", {2}), 10'000'000);
        QVERIFY(r.status != sim::RunStatus::CommandDone);
        QVERIFY2(r.message.find("color 11 has no switch on wse3") != std::string::npos,
                 r.message.c_str());
    }
    void strideRegisters_data() { addArchRows(); }
    void strideRegisters() {
        QFETCH(int, arch);
        std::string diags;
        auto prog = compileProgram(onePeLayout(true, "fn(u16)void", "u32"), kStrideRegisterTile,
                                   sim::Arch(arch), &diags);
        QVERIFY2(prog, diags.c_str());
        std::string error;
        const std::vector<uint32_t> y =
            launchAndReadWords(prog, "compute", {40}, "y", 22, 10'000'000, &error);
        QVERIFY2(error.empty(), error.c_str());
        const std::vector<float> values = asFloats(y);
        QCOMPARE(std::vector<float>(values.begin(), values.begin() + 12),
                 (std::vector<float>{8, 9, 10, 11, 14, 15, 16, 17, 20, 21, 22, 23}));
        QCOMPARE(std::vector<uint32_t>(y.begin() + 12, y.begin() + 16),
                 (std::vector<uint32_t>{42, 1, 1, 1}));
        QCOMPARE(std::vector<float>(values.begin() + 16, values.end()),
                 (std::vector<float>{0, 2, 4, 6, 8, 10}));
    }
    // The Builtins page: @set_config/@get_config "can be called at runtime and during the
    // evaluation of a top-level comptime block"; a comptime write is there when the program
    // starts, a comptime read sees it.
    void configRegistersAtComptime_data() { addArchRows(); }
    void configRegistersAtComptime() {
        QFETCH(int, arch);
        std::string diags;
        auto prog = compileProgram(onePeLayout(true, "fn(u16)void", "u32"), tileWith(R"(
var y = @zeros([2]u32);
const y_ptr: [*]u32 = &y;
comptime {
  @set_config(0x7e00, 42);
  @comptime_assert(@get_config(0x7e00) == 42);
}
fn compute(n: u16) void {
  y[0] = @get_config(0x7e00);
  @set_config(0x7e00, n);
  y[1] = @get_config(0x7e00);
  sys_mod.unblock_cmd_stream();
}
comptime {
  @export_symbol(y_ptr, "y");
  @export_symbol(compute);
}
)"),
                                   sim::Arch(arch), &diags);
        QVERIFY2(prog, diags.c_str());
        std::string error;
        const std::vector<uint32_t> y =
            launchAndReadWords(prog, "compute", {7}, "y", 2, 10'000'000, &error);
        QVERIFY2(error.empty(), error.c_str());
        QCOMPARE(y, (std::vector<uint32_t>{42, 7}));
    }
    void runtimeTaskIds_data() { addArchRows(); }
    void runtimeTaskIds() {
        QFETCH(int, arch);
        std::string diags;
        auto prog = compileProgram(onePeLayout(true, "fn(u16)void", "u32"), kRuntimeTaskIdTile,
                                   sim::Arch(arch), &diags);
        QVERIFY2(prog, diags.c_str());
        for (uint32_t n : {9u, 10u}) {
            std::string error;
            const std::vector<uint32_t> y =
                launchAndReadWords(prog, "compute", {n}, "y", 2, 10'000'000, &error);
            QVERIFY2(error.empty(), error.c_str());
            QCOMPARE(y, (std::vector<uint32_t>{n, 1}));
        }
    }
    // out_rpc.json's function inputs carry the exporting PE function's parameter names.
    void exportedFunctionParameterNames() {
        std::string diags;
        auto prog = compileProgram(onePeLayoutExporting("@export_name(\"f\", fn(f32, u16)void);\n"),
                                   tileWith("fn f(alpha: f32, count: u16) void {\n"
                                            "  sys_mod.unblock_cmd_stream();\n}\n"
                                            "comptime { @export_symbol(f); }\n"),
                                   sim::Arch::Wse2, &diags);
        QVERIFY2(prog, diags.c_str());
        QCOMPARE(prog->hostSymbols.at(0).inputNames, (std::vector<std::string>{"alpha", "count"}));
    }
    void errors_data() {
        addIndexedArchRows(errorCaseNames(), "/", [](size_t i, sim::Arch a) {
            // The WSE-3 builtins' misuse is checked on WSE-3, where they exist.
            const std::string n = errorCases()[i].name;
            // @get_data_task_id takes a color on WSE-2 and a queue on WSE-3.
            if (n.rfind("rpc", 0) == 0)
                return a == sim::Arch::Wse2;
            return a == sim::Arch::Wse3 ||
                   (n != "set_control_task_table" && n != "bind_rotating_tasks" &&
                    n != "message_passing" && n != "two_fabric_inputs" &&
                    n != "data_task_of_64_bits" && n != "activate_a_data_task_id");
        });
    }
    void errors() {
        QFETCH(int, index);
        QFETCH(int, arch);
        const ErrorCase& c = errorCases()[size_t(index)];
        std::string diags;
        auto prog = compileProgram(onePeLayoutExporting(c.layoutExports), tileWith(c.tile),
                                   sim::Arch(arch), &diags);
        QVERIFY2(!prog, "compiled, expected an error");
        QVERIFY2(diags.find(c.message) != std::string::npos,
                 ("expected '" + c.message + "' in:\n" + diags).c_str());
    }
};

QTEST_GUILESS_MAIN(TestCslBuiltins2)
#include "tst_csl_builtins2.moc"

#include "backend/csl/lib/library.h"

#include "backend/csl/lib/collectives_2d.h"
#include "backend/csl/lib/fft.h"
#include "backend/csl/lib/stdlib_sources.h"
#include "backend/csl/lib/tally.h"

#include "backend/csl/sema/analyzer_class.h"

#include <cerrno>
#include <cstring>

namespace csl::lib {

// <empty> and <directions> are small enough to be written in CSL.
static const char* kEmptySource = "// <empty>: a module with no members.\n";
static const char* kDirectionsSource = R"(// <directions>: helpers over direction values.
fn flip(d: direction) direction {
  if (d == NORTH) return SOUTH;
  if (d == SOUTH) return NORTH;
  if (d == EAST) return WEST;
  if (d == WEST) return EAST;
  return RAMP;
}
// NORTH -> EAST -> SOUTH -> WEST -> NORTH; RAMP stays RAMP.
fn rotate_clockwise(d: direction) direction {
  if (d == NORTH) return EAST;
  if (d == EAST) return SOUTH;
  if (d == SOUTH) return WEST;
  if (d == WEST) return NORTH;
  return RAMP;
}
fn rotate_counterclockwise(d: direction) direction { return flip(rotate_clockwise(d)); }
// Mirror across the horizontal axis (NORTH <-> SOUTH) or the vertical axis (EAST <-> WEST).
fn flip_vertical(d: direction) direction {
  if (d == NORTH or d == SOUTH) return flip(d);
  return d;
}
fn flip_horizontal(d: direction) direction {
  if (d == EAST or d == WEST) return flip(d);
  return d;
}
// Route bit vectors, as a color configuration's '.routes' and switch positions accept them
// in place of structs: receive directions in bits 0..4, transmit directions in bits 5..9
// (each in sim's dirBit order RAMP, NORTH, SOUTH, EAST, WEST).
const RX_RAMP: u16 = 1;
const RX_NORTH: u16 = 2;
const RX_SOUTH: u16 = 4;
const RX_EAST: u16 = 8;
const RX_WEST: u16 = 16;
const TX_RAMP: u16 = 32;
const TX_NORTH: u16 = 64;
const TX_SOUTH: u16 = 128;
const TX_EAST: u16 = 256;
const TX_WEST: u16 = 512;
fn dirToRxBits(d: direction) u16 {
  if (d == NORTH) return RX_NORTH;
  if (d == SOUTH) return RX_SOUTH;
  if (d == EAST) return RX_EAST;
  if (d == WEST) return RX_WEST;
  return RX_RAMP;
}
fn dirToTxBits(d: direction) u16 { return dirToRxBits(d) << 5; }
)";

// <math>: square roots by a bit-level first guess and four Newton steps (within an ulp of
// the correctly rounded root: sqrt(3) is one ulp high); generic forms convert through f32.
// IEEE special cases: sqrt(+-0) = +-0, sqrt(+inf) = +inf, a negative or NaN input gives NaN
// (it used to give 0, -nan for +inf); a subnormal input is scaled by 2^48 for the guess
// (it was 3.7% off at 1e-40). Generic abs of an f16/f32 clears the sign bit as abs_f32 does
// (abs(-0.0) was -0.0).
// (Eight lines, as before, so the line numbers of the rest of <math> stay what tests pin.)
static const char* kMathSource = R"(// <math>
fn sqrt_f32(x: f32) f32 {
  if (x == 0.0) return x;
  if (!(x > 0.0)) return @bitcast(f32, @as(u32, 0x7fc00000));
  if (x == @bitcast(f32, @as(u32, 0x7f800000))) return x;
  if (x < 1.17549435e-38) return sqrt_f32_normal(x * 281474976710656.0) * 5.9604644775390625e-08;
  return sqrt_f32_normal(x);
}
fn sqrt_f32_normal(x: f32) f32 { var y = @bitcast(f32, 0x1fbd1df5 + (@bitcast(u32, x) >> 1)); for (@range(u16, 4)) |i| { y = 0.5 * (y + x / y); } return y; }
fn invsqrt_f32(x: f32) f32 { return 1.0 / sqrt_f32(x); }
fn sqrt_f16(x: @fp16()) @fp16() { return @as(@fp16(), sqrt_f32(@as(f32, x))); }
fn abs_f32(x: f32) f32 { return @bitcast(f32, @bitcast(u32, x) & 0x7fffffff); }
fn abs_f16(x: @fp16()) @fp16() { return @bitcast(@fp16(), @bitcast(u16, x) & 0x7fff); }
// The type a generic function computes in: a comptime_float argument (`sqrt(2.0)`) is
// computed as an f32 (it failed inside the library, converting the result back).
fn tessera_real_type(comptime T: type) type {
  @comptime_assert(@is_same_type(T, f32) or @is_same_type(T, f16) or @is_same_type(T, bf16) or @is_same_type(T, cb16) or @is_same_type(T, comptime_float), "<math> takes f16, bf16, cb16 or f32 values here (the Libraries page); convert an integer with @as"); return if (@is_same_type(T, comptime_float)) f32 else T;
}
fn sqrt(x: anytype) tessera_real_type(@type_of(x)) { return @as(tessera_real_type(@type_of(x)), sqrt_f32(@as(f32, x))); }
fn invsqrt(x: anytype) tessera_real_type(@type_of(x)) { return @as(tessera_real_type(@type_of(x)), invsqrt_f32(@as(f32, x))); }
fn inv(x: anytype) tessera_real_type(@type_of(x)) { return @as(tessera_real_type(@type_of(x)), 1.0 / @as(f32, x)); }
fn abs(x: anytype) @type_of(x) { if (@is_same_type(@type_of(x), f32)) return abs_f32(x); if (@is_same_type(@type_of(x), f16) or @is_same_type(@type_of(x), bf16) or @is_same_type(@type_of(x), cb16)) return @bitcast(@type_of(x), @bitcast(u16, x) & 0x7fff); if (x < 0) return -x; return x; }
const POSITIVE_INF_f32 = @bitcast(f32, @as(u32, 0x7f800000));
const NEGATIVE_INF_f32 = @bitcast(f32, @as(u32, 0xff800000));
const POSITIVE_INF_f16 = @as(@fp16(), POSITIVE_INF_f32);
const NEGATIVE_INF_f16 = @as(@fp16(), NEGATIVE_INF_f32);
fn fmax_f32(a: f32, b: f32) f32 { if (a > b) return a; return b; }
fn fmin_f32(a: f32, b: f32) f32 { if (a < b) return a; return b; }
)";

// <debug>: a trace buffer of u16 words per import key. Each entry starts with a tag word
// whose low byte is a struct code ('?bBhHiIef', 't' timestamp, 's' string) and whose high
// byte holds the value of 8-bit entries or a string's length; the symbols are
// $$csl_debug.<key>.buffer and .buffer_index, as debug_util expects. An entry is written
// whole or not at all: a full buffer never ends in a tag without its value, and once an
// entry is left out so is every later one, so the trace stays a prefix of what was traced.
// The first trace_timestamp starts the timestamp counter (a program's later disable_tsc
// stands): the SDK's own <debug> tutorial records task start and end times without calling
// enable_tsc, and they were all 0 (session 19).
static const char* kDebugSource = R"(// <debug>
param key: comptime_string;
param buffer_size: u16;
const time = @import_module("<time>");
var buffer: [buffer_size]u16;
var buffer_index: u16 = 0;
var full = false;
fn fits(words: u16) bool {
  full = full or buffer_size - buffer_index < words;
  return !full;
}
fn put(w: u16) void {
  buffer[buffer_index] = w;
  buffer_index += 1;
}
fn put16(code: u16, v: u16) void {
  if (fits(2)) {
    put(code);
    put(v);
  }
}
fn put32(code: u16, v: u32) void {
  if (fits(3)) {
    put(code);
    put(@as(u16, v & 0xffff));
    put(@as(u16, v >> 16));
  }
}
fn put1(w: u16) void {
  if (fits(1)) {
    put(w);
  }
}
fn trace_bool(v: bool) void { put1((@as(u16, if (v) 1 else 0) << 8) | 0x3f); }
fn trace_u8(v: u8) void { put1((@as(u16, v) << 8) | 0x42); }
fn trace_i8(v: i8) void { put1((@as(u16, @bitcast(u8, v)) << 8) | 0x62); }
fn trace_u16(v: u16) void { put16(0x48, v); }
fn trace_i16(v: i16) void { put16(0x68, @bitcast(u16, v)); }
fn trace_f16(v: @fp16()) void { put16(0x65, @bitcast(u16, v)); }
fn trace_u32(v: u32) void { put32(0x49, v); }
fn trace_i32(v: i32) void { put32(0x69, @bitcast(u32, v)); }
fn trace_f32(v: f32) void { put32(0x66, @bitcast(u32, v)); }
var tessera_tsc_started = false;
fn trace_timestamp() void {
  var ts: [3]u16;
  if (!tessera_tsc_started) { tessera_tsc_started = true; time.enable_tsc(); }
  time.get_timestamp(&ts);
  if (fits(4)) {
    put(0x74);
    put(ts[0]);
    put(ts[1]);
    put(ts[2]);
  }
}
// The raw words (documented "for internal use").
fn put_u16(x: u16) void { put1(x); }
fn put_u32(x: u32) void {
  if (fits(2)) {
    put(@as(u16, x & 0xffff));
    put(@as(u16, x >> 16));
  }
}
fn tagged_put_u8(tag: u8, x: u8) void { put1((@as(u16, x) << 8) | @as(u16, tag)); }
// The trace_* function of x's type.
fn trace(x: anytype) void {
  const T = @type_of(x);
  if (@is_same_type(T, bool)) { trace_bool(x); }
  else if (@is_same_type(T, u8)) { trace_u8(x); }
  else if (@is_same_type(T, i8)) { trace_i8(x); }
  else if (@is_same_type(T, u16)) { trace_u16(x); }
  else if (@is_same_type(T, i16)) { trace_i16(x); }
  else if (@is_same_type(T, @fp16())) { trace_f16(x); }
  else if (@is_same_type(T, u32)) { trace_u32(x); }
  else if (@is_same_type(T, i32)) { trace_i32(x); }
  else if (@is_same_type(T, f32)) { trace_f32(x); }
  else { @comptime_assert(false, "<debug>.trace takes bool, u8, i8, u16, i16, @fp16(), u32, i32 or f32"); }
}
inline fn trace_string(comptime s: comptime_string) void {
  const n = @strlen(s);
  // The tag's high byte holds the length.
  @comptime_assert(n <= 255, "trace_string takes at most 255 bytes; split longer text");
  if (!fits(1 + (n + 1) / 2))
    return;
  put((@as(u16, n) << 8) | 0x73);
  const bytes = @get_array(s);
  inline for (@range(u16, (n + 1) / 2)) |k| {
    const lo: u16 = bytes[2 * k];
    const hi: u16 = if (2 * k + 1 < n) bytes[2 * k + 1] else 0;
    put(lo | (hi << 8));
  }
}
)";

// <control>: control wavelet payloads in the hardware layout (sim/program.h): command 0
// opcode in bits 23..22 and its ce_ignore in bit 24, the control task entrypoint in bits
// 21..16 (31 for none, `{}`: sim::kNoControlEntrypoint), 16-bit data in bits 15..0.
static const char* kControlSource = R"(// <control>
const opcode = enum(u16) { NOP = 0, SWITCH_ADV = 1, SWITCH_RST = 2, TEARDOWN = 3 };
fn entry_bits(entrypoint: anytype) u32 {
  @comptime_assert(@is_same_type(@type_of(entrypoint), void) or @is_same_type(@type_of(entrypoint), control_task_id), "<control>: an entrypoint is a control_task_id or {}"); return if (@is_same_type(@type_of(entrypoint), void)) @as(u32, 31) << 16
         else (@as(u32, @get_int(entrypoint)) & 63) << 16;
}
fn encode_single_payload(op: opcode, ce_ignore: bool, entrypoint: anytype, data: u16) u32 {
  return (@as(u32, @get_int(op)) << 22) | (@as(u32, if (ce_ignore) 1 else 0) << 24) |
         entry_bits(entrypoint) | @as(u32, data);
}
const MAX_CMDS = 8;
// Commands 0..N-1 as given, the rest NOPs (ce_ignore_remaining sets their ce_ignore bits),
// in the 24-bit command sequence of payload bits 22..29 then 0..15.
fn given_commands(comptime N: u16, comptime cmds: [N]opcode, comptime ce_ignore: [N]bool) u32 {
  var bits: u32 = 0;
  for (@range(u16, N)) |k| {
    const ignore: u32 = if (ce_ignore[k]) 4 else 0;
    bits |= (@as(u32, @get_int(cmds[k])) | ignore) << (3 * @as(u32, k));
  }
  return bits;
}
fn remaining_ignore_bits(comptime N: u16) u32 {
  var bits: u32 = 0;
  for (@range(u16, N, MAX_CMDS, 1)) |k| { bits |= @as(u32, 4) << (3 * @as(u32, k)); }
  return bits;
}
fn encode_payload(comptime N: u16, comptime cmds: [N]opcode, comptime ce_ignore: [N]bool,
                  ce_ignore_remaining: bool, comptime entrypoint: anytype) u32 {
  @comptime_assert(N >= 1 and N <= MAX_CMDS, "encode_payload takes 1 to 8 commands");
  const given: u32 = comptime given_commands(N, cmds, ce_ignore);
  const rest: u32 = comptime remaining_ignore_bits(N);
  const bits: u32 = given | (if (ce_ignore_remaining) rest else 0);
  return ((bits & 0xff) << 22) | entry_bits(entrypoint) | ((bits >> 8) & 0xffff);
}
fn encode_control_task_payload(entrypoint: control_task_id) u32 {
  return encode_single_payload(opcode.NOP, false, entrypoint, 0);
}
fn encode_control_task_payload_with_data(entrypoint: control_task_id, data: u16) u32 {
  return encode_single_payload(opcode.NOP, false, entrypoint, data);
}
)";

// <tile_config> changes this PE's router configuration at runtime, for colors that have a
// color config at this PE. It is written on the internal built-in <tessera/router>
// (get/set of a sim::ColorConfigField); the "address" of a color's configuration is the
// color number. Direction masks are sim's dirBit (RAMP 1, NORTH 2, SOUTH 4, EAST 8, WEST 16).
static const char* kTileConfigSource = R"(// <tile_config>
const color_config = @import_module("<tile_config/color_config>");
const switch_config = @import_module("<tile_config/switch_config>");
const teardown = @import_module("<tile_config/teardown>");
const exceptions = @import_module("<tile_config/exceptions>");
const main_thread_priority = @import_module("<tile_config/main_thread_priority>");
const task_priority = @import_module("<tile_config/task_priority>");
const filters = @import_module("<tile_config/filters>");
)";

// Submodules the Libraries page names but does not describe well enough to give them a
// meaning here (docs/csl.md, the audit): using a member is a compile error that names it
// and says why. Functions take `anytype` so that they expand at the call, which the error
// then points at.
static const char* kTileConfigRefusedPrelude = R"csl(
fn refuse(comptime what: comptime_string) void {
  @comptime_assert(false, @strcat("'", what,
                                  "' of module '<tile_config>' is not supported by this compiler yet: ",
                                  WHY));
}
fn refused_value(comptime what: comptime_string) comptime_int {
  refuse(what);
  return 0;
}
)csl";

static const char* kExceptionsSource = R"csl(// <tile_config/exceptions>
const WHY = "the page gives neither the exception bits' values nor how the mask combines them, and the simulator does not stop on floating-point exceptions";
const PERF_CNT_0_OVERFLOW = refused_value("exceptions.PERF_CNT_0_OVERFLOW");
const PERF_CNT_1_OVERFLOW = refused_value("exceptions.PERF_CNT_1_OVERFLOW");
const SW_EXCEPTION = refused_value("exceptions.SW_EXCEPTION");
const FP_UNDERFLOW = refused_value("exceptions.FP_UNDERFLOW");
const FP_OVERFLOW = refused_value("exceptions.FP_OVERFLOW");
const FP_INEXACT = refused_value("exceptions.FP_INEXACT");
const FP_INVALID = refused_value("exceptions.FP_INVALID");
const FP_DIV_BY_0 = refused_value("exceptions.FP_DIV_BY_0");
fn set_exception_mask(exception_mask: anytype) void { refuse("exceptions.set_exception_mask"); }
)csl";

// The main thread's priority orders its DSD operations against the microthreads' when they
// share the datapath (docs/simulator.md, "Datapath"): sim::BuiltinId::SetMainThreadPriority
// takes the level's number (MEDIUM_LOW 0, the default, to HIGH 3).
static const char* kMainThreadPrioritySource = R"csl(// <tile_config/main_thread_priority>
const tasks = @import_module("<tessera/tasks>");
const level = enum(u16) { MEDIUM_LOW = 0, MEDIUM = 1, MEDIUM_HIGH = 2, HIGH = 3 };
fn update_main_thread_priority(priority: level) void {
  tasks.set_main_thread_priority(@as(u16, priority));
}
)csl";

// Task priorities order the picker: among ready tasks, HIGH ones run first
// (docs/simulator.md, "Task picker"). The Libraries page: "The provided task_id can be a
// data_task_id or local_task_id ... the priority of tasks activated by wavelets, including
// tasks bound to a control_task_id, can be specified using the color on WSE-2, or the
// input_queue on WSE-3". The channel's number is its data task's id on both.
static const char* kTaskPrioritySource = R"csl(// <tile_config/task_priority>
const tasks = @import_module("<tessera/tasks>");
const level = enum(u16) { LOW = 0, HIGH = 1 };
fn update_task_priority(task_id: anytype, priority: level) void {
  check_task_id(@type_of(task_id));
  tasks.set_priority(@get_int(task_id), priority == level.HIGH);
}
fn set_task_priority(task_id: anytype) void { update_task_priority(task_id, level.HIGH); }
fn clear_task_priority(task_id: anytype) void { update_task_priority(task_id, level.LOW); }
fn check_task_id(comptime T: type) void {
  @comptime_assert(T != control_task_id,
                   if (@is_arch("wse3"))
                     "a control task has the priority of the input queue that carries its wavelets: pass that input_queue"
                   else
                     "a control task has the priority of the color that carries its wavelets: pass that color");
  if (@is_arch("wse3")) {
    @comptime_assert(T == data_task_id or T == local_task_id or T == input_queue,
                     "task_priority takes a data_task_id, a local_task_id or an input_queue on wse3");
  } else {
    @comptime_assert(T == data_task_id or T == local_task_id or T == color,
                     "task_priority takes a data_task_id, a local_task_id or a color on wse2");
  }
}
)csl";

static const char* kFiltersSource = R"csl(// <tile_config/filters>
const WHY = "the page does not say which color's filter a filter_id names, nor the number of filters";
const num_filters = refused_value("filters.num_filters");
const counter_filter_state = enum(u16) { PASS, DROP };
fn set_active_limit(filter_id: anytype, limit: anytype) void { refuse("filters.set_active_limit"); }
fn set_max_counter(filter_id: anytype, max_counter: anytype) void { refuse("filters.set_max_counter"); }
fn set_counter(filter_id: anytype, counter: anytype) void { refuse("filters.set_counter"); }
fn set_counter_and_state(filter_id: anytype, counter: anytype, state: anytype) void {
  refuse("filters.set_counter_and_state");
}
fn set_counter_value(filter_id: anytype, counter: anytype) void { refuse("filters.set_counter_value"); }
fn get_counter_value(filter_id: anytype) u32 { refuse("filters.get_counter_value"); return 0; }
fn set_state(filter_id: anytype, state: anytype) void { refuse("filters.set_state"); }
fn get_state(filter_id: anytype) counter_filter_state { refuse("filters.get_state"); return counter_filter_state.PASS; }
fn set_pass_count(filter_id: anytype, count: anytype) void { refuse("filters.set_pass_count"); }
fn get_pass_count(filter_id: anytype) u32 { refuse("filters.get_pass_count"); return 0; }
fn set_drop_count(filter_id: anytype, count: anytype) void { refuse("filters.set_drop_count"); }
fn get_drop_count(filter_id: anytype) u32 { refuse("filters.get_drop_count"); return 0; }
)csl";

static const char* kRouterFieldsSource = R"(
const router = @import_module("<tessera/router>");
const FIELD_RX: u16 = 0;
const FIELD_TX: u16 = 1;
const FIELD_SWITCH1_RX: u16 = 2;
const FIELD_CURRENT_SWITCH_POSITION: u16 = 8;
const FIELD_TEARDOWN: u16 = 9;
const FIELD_RING_MODE: u16 = 10;
const FIELD_POP_MODE: u16 = 11;
fn dir_bit(comptime d: direction) u16 {
  if (d == RAMP) return 1;
  if (d == NORTH) return 2;
  if (d == SOUTH) return 4;
  if (d == EAST) return 8;
  return 16;
}
// One direction or an array of directions.
fn dir_mask(comptime dirs: anytype) u16 {
  if (@is_same_type(@type_of(dirs), direction)) return dir_bit(dirs);
  var m: u16 = 0;
  for (dirs) |d| { m |= dir_bit(d); }
  return m;
}
)";

static const char* kColorConfigSource = R"(// <tile_config/color_config>
fn get_color_config_addr(c: color) u16 { return @get_int(c); }
// A color, or the address get_color_config_addr gave for it.
fn config_addr(c: anytype) u16 {
  if (@is_same_type(@type_of(c), color)) { return @get_int(c); } else { return c; }
}
// Replaces the base route (switch position 0): .rx and .tx each name one direction or an
// array of directions; a field that is not given becomes empty.
fn reset_routes(c: anytype, comptime routes: comptime_struct) void {
  // The Libraries page: on WSE-3 a color receives from one direction, `.rx` a [1]direction.
  if (@is_arch("wse3") and @has_field(routes, "rx")) {
    if (!@is_same_type(@type_of(routes.rx), direction)) {
      @comptime_assert(routes.rx.len == 1, "reset_routes: on wse3 '.rx' takes one direction");
    }
  }
  const rx: u16 = comptime if (@has_field(routes, "rx")) dir_mask(routes.rx) else 0;
  const tx: u16 = comptime if (@has_field(routes, "tx")) dir_mask(routes.tx) else 0;
  const addr = config_addr(c);
  router.set(addr, FIELD_RX, rx);
  router.set(addr, FIELD_TX, tx);
}
// One direction of the base route; values 0..4 transmit, 5..9 receive, each in the order
// WEST EAST SOUTH NORTH RAMP.
const fabric_io = enum(u16) {
  TX_WEST, TX_EAST, TX_SOUTH, TX_NORTH, TX_RAMP,
  RX_WEST, RX_EAST, RX_SOUTH, RX_NORTH, RX_RAMP
};
fn io_field(dir: fabric_io) u16 {
  if (@get_int(dir) >= 5) { return FIELD_RX; } else { return FIELD_TX; }
}
fn io_bit(dir: fabric_io) u16 {
  const k = @get_int(dir) % 5;
  if (k == 0) return 16;
  if (k == 1) return 8;
  if (k == 2) return 4;
  if (k == 3) return 2;
  return 1;
}
fn set_io_direction(c: anytype, dir: fabric_io) void {
  const addr = config_addr(c);
  router.set(addr, io_field(dir), router.get(addr, io_field(dir)) | io_bit(dir));
}
fn toggle_io_direction(c: anytype, dir: fabric_io) void {
  const addr = config_addr(c);
  router.set(addr, io_field(dir), router.get(addr, io_field(dir)) ^ io_bit(dir));
}
fn clear_io_direction(c: anytype, dir: fabric_io) void {
  const addr = config_addr(c);
  router.set(addr, io_field(dir), router.get(addr, io_field(dir)) & ~io_bit(dir));
}
)";

static const char* kSwitchConfigSource = R"(// <tile_config/switch_config>
// The Libraries page's enums; a switch setting's "address" is the color number, as for
// get_color_config_addr (one configuration per color here).
const pop_mode = enum(u16) { NO_POP, ALWAYS_POP, POP_ON_ADVANCE, CLEAR_MASK };
const switch_status = enum(u16) { CLEAR_CURRENT_POS };
const switch_pos = enum(u16) { POS1, POS2, POS3 };
const switch_select = enum(u16) { INPUT, OUTPUT };
const ring_mode = enum(u16) { NO_RING_MODE, RING_MODE };
fn get_color_config_addr(c: color) u16 { return @get_int(c); }
fn get_switch_config_addr(c: color, comptime setting_ty: type) u16 {
  @comptime_assert(@is_same_type(setting_ty, pop_mode) or @is_same_type(setting_ty, switch_status) or
                   @is_same_type(setting_ty, switch_pos) or @is_same_type(setting_ty, switch_select) or
                   @is_same_type(setting_ty, ring_mode),
                   "get_switch_config_addr expects one of switch_config's setting types");
  return @get_int(c);
}
// A color, or the address get_color_config_addr / get_switch_config_addr gave for it.
fn config_addr(c: anytype) u16 {
  if (@is_same_type(@type_of(c), color)) { return @get_int(c); } else { return c; }
}
fn clear_current_position(c: anytype) void {
  router.set(config_addr(c), FIELD_CURRENT_SWITCH_POSITION, 0);
}
fn get_current_position(c: anytype) u16 {
  return router.get(config_addr(c), FIELD_CURRENT_SWITCH_POSITION);
}
fn set_current_switch_position(c: anytype, posn: u16) void {
  router.set(config_addr(c), FIELD_CURRENT_SWITCH_POSITION, posn);
}
fn set_ring_mode(c: anytype, comptime mode: ring_mode) void {
  router.set(config_addr(c), FIELD_RING_MODE, @as(u16, mode));
}
// CLEAR_MASK is the cleared setting: no popping. The mode may be a run-time value (the
// 0 is typed so that the `if` is u16 then, not a comptime_int widened to i32).
fn set_pop_mode(c: anytype, mode: pop_mode) void {
  const m: u16 = @as(u16, mode);
  router.set(config_addr(c), FIELD_POP_MODE, if (m == @as(u16, pop_mode.CLEAR_MASK)) @as(u16, 0) else m);
}
// Positions 1..3 become invalid; ring mode and pop mode are kept.
fn set_invalid_for_all_switch_positions(c: anytype) void {
  const addr = config_addr(c);
  for (@range(u16, 6)) |k| { router.set(addr, FIELD_SWITCH1_RX + k, 0); }
}
// pos 1..3; tx selects the output direction.
fn write_switch_pos(addr: u16, pos: u16, tx: bool, mask: u16) void {
  router.set(addr, FIELD_SWITCH1_RX + 2 * (pos - 1) + (if (tx) 1 else 0), mask);
}
fn set_switch_pos(pos: switch_pos, c: anytype, comptime dir: direction, switch_kind: switch_select) void {
  write_switch_pos(config_addr(c), @as(u16, pos) + 1, switch_kind == switch_select.OUTPUT, dir_bit(dir));
}
fn set_rxtx_switch_pos(pos: switch_pos, c: anytype, comptime dir_rx: direction, comptime dir_tx: direction) void {
  @comptime_assert(@is_arch("wse3"), "set_rxtx_switch_pos is supported on wse3 only");
  const addr = config_addr(c);
  write_switch_pos(addr, @as(u16, pos) + 1, false, dir_bit(dir_rx));
  write_switch_pos(addr, @as(u16, pos) + 1, true, dir_bit(dir_tx));
}
fn set_rx_switch_pos1(c: anytype, comptime d: direction) void { write_switch_pos(config_addr(c), 1, false, dir_bit(d)); }
fn set_rx_switch_pos2(c: anytype, comptime d: direction) void { write_switch_pos(config_addr(c), 2, false, dir_bit(d)); }
fn set_rx_switch_pos3(c: anytype, comptime d: direction) void { write_switch_pos(config_addr(c), 3, false, dir_bit(d)); }
fn set_tx_switch_pos1(c: anytype, comptime d: direction) void { write_switch_pos(config_addr(c), 1, true, dir_bit(d)); }
fn set_tx_switch_pos2(c: anytype, comptime d: direction) void { write_switch_pos(config_addr(c), 2, true, dir_bit(d)); }
fn set_tx_switch_pos3(c: anytype, comptime d: direction) void { write_switch_pos(config_addr(c), 3, true, dir_bit(d)); }
fn set_rxtx_switch_pos1(c: anytype, comptime rx: direction, comptime tx: direction) void { set_rxtx_switch_pos(switch_pos.POS1, c, rx, tx); }
fn set_rxtx_switch_pos2(c: anytype, comptime rx: direction, comptime tx: direction) void { set_rxtx_switch_pos(switch_pos.POS2, c, rx, tx); }
fn set_rxtx_switch_pos3(c: anytype, comptime rx: direction, comptime tx: direction) void { set_rxtx_switch_pos(switch_pos.POS3, c, rx, tx); }
)";

// get_pending: one bit per routable color (0..23) that is in teardown mode at this PE.
static const char* kTeardownSource = R"(// <tile_config/teardown>
// Leaves teardown mode (clears the teardown-in-progress state of the color).
fn get_task_id() local_task_id { return @get_local_task_id(29); }
fn exit(c: color) void { router.set(@get_int(c), FIELD_TEARDOWN, 0); }
fn is_active(c: color) bool { return router.get(@get_int(c), FIELD_TEARDOWN) != 0; }
fn get_pending() u32 {
  var pending: u32 = 0;
  for (@range(u16, 24)) |c| {
    pending |= @as(u32, router.get(c, FIELD_TEARDOWN)) << @as(u32, c);
  }
  return pending;
}
fn is_pending(value: u32, c: color) bool {
  return (value >> @as(u32, @get_int(c))) & 1 != 0;
}
)";

// <memcpy/memcpy_switches>: control wavelets carrying a list of 8 switch commands, in the
// hardware layout (sim/program.h): 3 bits per command (bits 1..0 opcode, bit 2 = not
// delivered to the CE), commands 0..7 in payload bits 22..29 then 0..15; entrypoint 31
// (none). switch_cmd_11 advances the switches of two consecutive routers, teardown_cmd_1
// puts the first router's color in teardown mode; every other command is a NOP that the
// CE does not see. commands() returns the 24 command bits, ctrl() places them.
static const char* kMemcpySwitchesSource = R"(// <memcpy/memcpy_switches>
const NOCE: u32 = 4;
const NOP: u32 = 0;
const SWITCH_ADV: u32 = 1;
const SWITCH_RST: u32 = 2;
const TEARDOWN: u32 = 3;
fn commands(comptime first: u32, comptime count: u16) u32 {
  var w: u32 = 0;
  for (@range(u16, 8)) |k| {
    const cmd: u32 = if (k < count) first else NOP;
    w |= (cmd | NOCE) << (3 * @as(u32, k));
  }
  return w;
}
fn switch_cmd_1() u32 { return commands(SWITCH_ADV, 1); }
fn switch_cmd_11() u32 { return commands(SWITCH_ADV, 2); }
fn switch_cmd_111() u32 { return commands(SWITCH_ADV, 3); }
fn reset_cmd_1() u32 { return commands(SWITCH_RST, 1); }
fn teardown_cmd_1() u32 { return commands(TEARDOWN, 1); }
// The control wavelet payload carrying a command list.
fn ctrl(cmds: u32) u32 {
  return ((cmds & 0xff) << 22) | (31 << 16) | ((cmds >> 8) & 0xffff);
}
)";

static const LibraryInfo kLibraries[] = {
    {"memcpy/get_params", nullptr},
    {"memcpy/memcpy", nullptr},
    {"memcpy_multi/get_params", nullptr},
    {"memcpy_multi/memcpy", nullptr},
    {"layout", nullptr},
    {"time", nullptr},
    {"timer", kTimerSource},
    {"debug", kDebugSource},
    {"simprint", nullptr},
    {"math", kMathSource, kMathFunctionsSource},
    {"random", kRandomSource},
    {"tessera/random", nullptr},
    {"control", kControlSource},
    {"tile_config", kTileConfigSource, kTileConfigQueuePartsSource},
    {"tile_config/color_config", kColorConfigSource, kRouterFieldsSource},
    {"tile_config/switch_config", kSwitchConfigSource, kRouterFieldsSource},
    {"tile_config/teardown", kTeardownSource, kRouterFieldsSource},
    {"tessera/router", nullptr},
    {"tile_config/queue_flush", kQueueFlushSource},
    {"tile_config/exceptions", kExceptionsSource, kTileConfigRefusedPrelude},
    {"tile_config/main_thread_priority", kMainThreadPrioritySource, kTileConfigRefusedPrelude},
    {"tile_config/task_priority", kTaskPrioritySource},
    {"tessera/tasks", nullptr},
    {"tile_config/filters", kFiltersSource, kTileConfigRefusedPrelude},
    {"tile_config/input_queue_status", kInputQueueStatusSource},
    {"tile_config/output_queue_status", kOutputQueueStatusSource},
    {"tile_config/output_queue_config", nullptr},
    {"tile_config/input_queue_config", nullptr},
    {"tessera/queues", nullptr},
    {"directions", kDirectionsSource},
    {"dsd_ops", kDsdOpsSource},
    {"malloc", kMallocSource},
    {"complex", kComplexSource},
    {"empty", kEmptySource},
    {"collectives_2d/params", kCollectives2dParamsSource},
    {"collectives_2d/pe", kCollectives2dPeSource},
    {"memcpy/memcpy_switches", kMemcpySwitchesSource},
    {"kernels/tally/layout", kTallyLayoutSource},
    {"kernels/tally/pe", kTallyPeSource},
    {"kernels/fft/fft3d_layout", kFft3dLayoutSource},
    {"kernels/fft/fft3d_pe", kFft3dPeSource},
    {"kernels/fft/fft3d_line", kFft3dLineSource},
    {"message_passing", nullptr},
};

const LibraryInfo* findLibrary(const std::string& name) {
    for (const LibraryInfo& l : kLibraries) {
        if (name == l.name)
            return &l;
    }
    return nullptr;
}

sema::Value parseParamValue(sema::Analyzer& a, const std::string& text, const sema::Type* t,
                            uint32_t node) {
    const char* s = text.c_str();
    char* end = nullptr;
    bool isFloat = text.find('.') != std::string::npos ||
                   (text.find_first_of("eE") != std::string::npos && text.rfind("0x", 0) != 0);
    sema::Value v;
    if (isFloat) {
        double d = std::strtod(s, &end);
        v = a.mkFloat(d);
    } else {
        // strtoll clamps at the i64 limits without a word: a u64 past 2^63 keeps its bits,
        // anything past the 64 bits is an error.
        errno = 0;
        const bool negative = text.find('-') != std::string::npos;
        if (negative) {
            v = a.mkInt(std::strtoll(s, &end, 0));
        } else {
            const unsigned long long x = std::strtoull(s, &end, 0);
            v = x > uint64_t(INT64_MAX) && t && t->k == sema::TK::Int && !t->isSigned &&
                        t->bits == 64
                    ? a.mkInt(int64_t(x), t)
                    : a.mkInt(int64_t(x));
            if (x > uint64_t(INT64_MAX) && v.type != t)
                errno = ERANGE;
        }
        if (errno == ERANGE)
            a.fail(a.fr_ ? a.fr_->mod : nullptr, node,
                   "--params value '" + text + "' is out of range" +
                       (t ? " for type '" + sema::typeName(t) + "'" : std::string()));
    }
    if (!end || *end != '\0' || text.empty())
        a.fail(a.fr_ ? a.fr_->mod : nullptr, node,
               "invalid value '" + text + "' for a --params entry");
    if (t)
        return a.coerce(v, t, node);
    return v;
}

} // namespace csl::lib

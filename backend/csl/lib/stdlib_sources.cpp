#include "backend/csl/lib/stdlib_sources.h"

namespace csl::lib {

// <tile_config> gains its queue parts through this prelude, so the library source of
// <tile_config> itself stays as it is.
const char* const kTileConfigQueuePartsSource = R"csl(
// The documented top-level constants and coordinate API (the rectangle coordinates, as
// <layout> gives them).
const reg_type = u16;
const double_reg_type = u32;
const word_size = 2;
const target_name = if (@is_arch("wse3")) "wse3" else "wse2";
const fabric_coord = enum(u16) { X, Y };
const tessera_layout = @import_module("<layout>");
fn get_fabric_coord(dimension: fabric_coord) u16 {
  if (dimension == fabric_coord.X) { return tessera_layout.get_x_coord(); }
  return tessera_layout.get_y_coord();
}
const queue_flush = @import_module("<tile_config/queue_flush>");
const output_queue_config = @import_module("<tile_config/output_queue_config>");
const input_queue_config = @import_module("<tile_config/input_queue_config>");
const input_queue_status = @import_module("<tile_config/input_queue_status>");
const output_queue_status = @import_module("<tile_config/output_queue_status>");
)csl";

// <tile_config/input_queue_status> and <tile_config/output_queue_status>: the Libraries
// page's API over the queue status register, one empty bit and one full bit per queue
// (sim::BuiltinId::QueueStatus; get_raw() is its value, empty mask in bits 7..0 and full
// mask in bits 15..8, a layout of ours: the page does not give the register's).
#define TESSERA_QUEUE_STATUS_SOURCE(NAME, QUEUE, WHICH)                                            \
    "// <tile_config/" NAME ">\n"                                                                  \
    "const router = @import_module(\"<tessera/router>\");\n"                                       \
    "const status = struct { empty: u8, full: u8 };\n"                                             \
    "fn get_raw() u16 { return router.queue_status(" WHICH "); }\n"                                \
    "fn get() status {\n"                                                                          \
    "  const raw = get_raw();\n"                                                                   \
    "  return status { .empty = @as(u8, raw & 0xff), .full = @as(u8, raw >> 8) };\n"               \
    "}\n"                                                                                          \
    "fn bit(q: " QUEUE ") u8 { return @as(u8, 1) << @as(u8, @get_int(q)); }\n"                     \
    "fn is_full(s: status, q: " QUEUE ") bool { return s.full & bit(q) != 0; }\n"                  \
    "fn is_empty(s: status, q: " QUEUE ") bool { return s.empty & bit(q) != 0; }\n"                \
    "fn all_full(s: status) bool { return s.full == 0xff; }\n"                                     \
    "fn all_empty(s: status) bool { return s.empty == 0xff; }\n"                                   \
    "fn none_full(s: status) bool { return s.full == 0; }\n"                                       \
    "fn none_empty(s: status) bool { return s.empty == 0; }\n"
const char* const kInputQueueStatusSource =
    TESSERA_QUEUE_STATUS_SOURCE("input_queue_status", "input_queue", "0");
const char* const kOutputQueueStatusSource =
    TESSERA_QUEUE_STATUS_SOURCE("output_queue_status", "output_queue", "1");
#undef TESSERA_QUEUE_STATUS_SOURCE

// The flush state of a queue (input or output) is set by @queue_flush(q) and stays set
// until exit(q). iq_status()/oq_status() are the SDK's two "queue flush status" registers,
// one bit per queue: set while q's flush was asked for and q is empty, so a teardown task
// that runs for another reason (a TEARDOWN wavelet) before q drains does not see q flushed
// (the @queue_flush page: when the flush activates the teardown task, "the respective queue
// will be empty"). The teardown task calls the handler @set_empty_queue_handler gave `q`
// under the same condition.
const char* const kQueueFlushSource = R"csl(// <tile_config/queue_flush>
const queues = @import_module("<tessera/queues>");
const router = @import_module("<tessera/router>");
const reg_type = u16;
// True from @queue_flush(q) until exit(q): the teardown task ran (or will run) because q
// was flushed.
fn is_active(comptime q: anytype) bool { return queues.flush_active(q); }
// Clears q's flush state, so later runs of the teardown task do not call q's handler again.
fn exit(comptime q: anytype) void { queues.flush_exit(q); }
fn iq_status() reg_type { return (queues.flush_flags() >> 8) & (router.queue_status(0) & 0xff); }
fn oq_status() reg_type { return queues.flush_flags() & (router.queue_status(1) & 0xff); }
// `value` is iq_status() for an input queue, oq_status() for an output queue.
fn is_flushed(value: reg_type, comptime q: anytype) bool {
  return ((value >> @get_int(q)) & 1) != 0;
}
)csl";

// <malloc>: an arena allocator over one buffer of `buffer_num_words` 16-bit words. Values
// are aligned to their size (32-bit values start at an even word); free() releases
// everything. With `asserts_enabled`, an allocation that does not fit stops the run.
const char* const kMallocSource = R"csl(// <malloc>
param buffer_num_words: u16;
param asserts_enabled: bool = false;
var buffer: [buffer_num_words]u16 align(4);
var next_word: u16 = 0;
fn word_size(comptime T: type) u16 {
  if (@is_same_type(T, f32) or @is_same_type(T, i32) or @is_same_type(T, u32)) {
    return 2;
  } else {
    @comptime_assert(@is_same_type(T, @fp16()) or @is_same_type(T, i16) or @is_same_type(T, u16),
                     "<malloc> allocates 16- and 32-bit numbers (@fp16() i16 u16 f32 i32 u32)");
    return 1;
  }
}
fn aligned_start(comptime T: type) u16 {
  const w = word_size(T);
  return (next_word + w - 1) / w * w;
}
// True when `num_values` values of type T fit into what is left of the buffer.
fn has_enough_space(comptime T: type, num_values: u16) bool {
  return @as(u32, aligned_start(T)) + @as(u32, num_values) * @as(u32, word_size(T)) <= @as(u32, buffer_num_words);
}
fn has_enough_words(num_words: u16) bool { return has_enough_space(u16, num_words); }
fn has_enough_double_words(num_double_words: u16) bool {
  return has_enough_space(u32, num_double_words);
}
// `num_values` values of type T.
fn malloc(comptime T: type, num_values: u16) [*]T {
  const start = aligned_start(T);
  if (asserts_enabled) {
    @assert(has_enough_space(T, num_values));
  }
  next_word = start + num_values * word_size(T);
  return @ptrcast([*]T, &buffer[start]);
}
fn malloc_f16(num_values: u16) [*]@fp16() { return malloc(@fp16(), num_values); }
fn malloc_i16(num_values: u16) [*]i16 { return malloc(i16, num_values); }
fn malloc_u16(num_values: u16) [*]u16 { return malloc(u16, num_values); }
fn malloc_f32(num_values: u16) [*]f32 { return malloc(f32, num_values); }
fn malloc_i32(num_values: u16) [*]i32 { return malloc(i32, num_values); }
fn malloc_u32(num_values: u16) [*]u32 { return malloc(u32, num_values); }
// Releases every allocation.
fn free() void { next_word = 0; }
)csl";

// <complex>: complex numbers as structs of two floats; complex_32 is two f16 (32 bits),
// complex_64 two f32 (64 bits), as numpy's complex64 is two float32.
const char* const kComplexSource = R"csl(// <complex>
const complex_32 = struct { real: f16, imag: f16 };
const complex_64 = struct { real: f32, imag: f32 };
// complex(T) names the same type each time (complex(f32) is complex_64).
fn complex(comptime T: type) type {
  if (@is_same_type(T, f16)) {
    return complex_32;
  } else {
    @comptime_assert(@is_same_type(T, f32), "<complex> parts are f16 or f32");
    return complex_64;
  }
}
// The functions are inline (expanded where they are called): their results are structs.
inline fn make(comptime T: type, real: anytype, imag: anytype) T {
  var r: T;
  r.real = real;
  r.imag = imag;
  return r;
}
inline fn get_complex_32(real: f16, imag: f16) complex_32 { return make(complex_32, real, imag); }
inline fn get_complex_64(real: f32, imag: f32) complex_64 { return make(complex_64, real, imag); }
inline fn get_complex(real: anytype, imag: @type_of(real)) complex(@type_of(real)) {
  return make(complex(@type_of(real)), real, imag);
}
inline fn add_complex(a: anytype, b: @type_of(a)) @type_of(a) {
  return make(@type_of(a), a.real + b.real, a.imag + b.imag);
}
inline fn subtract_complex(a: anytype, b: @type_of(a)) @type_of(a) {
  return make(@type_of(a), a.real - b.real, a.imag - b.imag);
}
inline fn multiply_complex(a: anytype, b: @type_of(a)) @type_of(a) {
  return make(@type_of(a), a.real * b.real - a.imag * b.imag, a.real * b.imag + a.imag * b.real);
}
inline fn add_complex_32(a: complex_32, b: complex_32) complex_32 { return add_complex(a, b); }
inline fn add_complex_64(a: complex_64, b: complex_64) complex_64 { return add_complex(a, b); }
inline fn subtract_complex_32(a: complex_32, b: complex_32) complex_32 {
  return subtract_complex(a, b);
}
inline fn subtract_complex_64(a: complex_64, b: complex_64) complex_64 {
  return subtract_complex(a, b);
}
inline fn multiply_complex_32(a: complex_32, b: complex_32) complex_32 {
  return multiply_complex(a, b);
}
inline fn multiply_complex_64(a: complex_64, b: complex_64) complex_64 {
  return multiply_complex(a, b);
}
)csl";

// <timer>: `timerCount` stopwatches on the timestamp counter (<time>); elapsed() gives the
// cycles between start() and stop() as a 48-bit count in three u16 words, low word first,
// the layout of <time>'s timestamps.
const char* const kTimerSource = R"csl(// <timer>
param timerCount;
const time = @import_module("<time>");
const timerType: type = [3]u16;
const count: i16 = @as(i16, timerCount);
var starts: [count * 3]u16;
var stops: [count * 3]u16;
fn slot(timerId: i16) u16 {
  @assert(timerId >= 0 and timerId < count);
  return @as(u16, timerId) * 3;
}
fn start(timerId: i16) void {
  time.enable_tsc();
  var ts: [3]u16;
  time.get_timestamp(&ts);
  const at = slot(timerId);
  for (@range(u16, 3)) |k| { starts[at + k] = ts[k]; }
}
fn stop(timerId: i16) void {
  var ts: [3]u16;
  time.get_timestamp(&ts);
  const at = slot(timerId);
  for (@range(u16, 3)) |k| { stops[at + k] = ts[k]; }
}
// stop - start of `timerId`, modulo 2^48.
fn elapsed(timerId: i16, result: *timerType) void {
  const at = slot(timerId);
  var borrow: u32 = 0;
  for (@range(u16, 3)) |k| {
    const a: u32 = @as(u32, stops[at + k]);
    const b: u32 = @as(u32, starts[at + k]) + borrow;
    if (a >= b) {
      (result.*)[k] = @as(u16, a - b);
      borrow = 0;
    } else {
      (result.*)[k] = @as(u16, a + 0x10000 - b);
      borrow = 1;
    }
  }
}
)csl";

// <math> beyond square roots (appended to the <math> source): constants, predicates,
// rounding and the transcendental functions in f32 (f16 and generic forms convert through
// f32). exp: Cody-Waite reduction by ln 2 and a degree-7 polynomial; log: mantissa in
// [sqrt(1/2), sqrt(2)) and the atanh series; sin/cos: reduction by a three-part pi/2 below
// 6432 and by Payne-Hanek (2/pi bits in 32-bit integer arithmetic) above, then
// polynomials on [-pi/4, pi/4] per quadrant; pow: exp(y log x) with log x and y log x
// carried as pairs of f32s, within an ulp (repeated squaring for integer powers of integers
// below 2^24, which are exact; negative x needs an integer y); tanh from exp, with its series
// near 0. max/min with one NaN operand give the other (IEEE maxNum, as @fmaxs does). The _f16
// members take and give @fp16(), the --fp16-format type (the Libraries page).
const char* const kMathFunctionsSource = R"csl(
const PI = 3.14159265358979323846;
const E = 2.71828182845904523536;
const NaN_f32 = @bitcast(f32, @as(u32, 0x7fc00000));
const NaN_f16 = @as(@fp16(), NaN_f32);
fn NaN(comptime T: type) T {
  return @as(T, NaN_f32);
}
fn POSITIVE_INF(comptime T: type) T {
  return @as(T, POSITIVE_INF_f32);
}
fn NEGATIVE_INF(comptime T: type) T {
  return @as(T, NEGATIVE_INF_f32);
}
fn isNaN_f32(x: f32) bool { return (@bitcast(u32, x) & 0x7fffffff) > 0x7f800000; }
fn isInf_f32(x: f32) bool { return (@bitcast(u32, x) & 0x7fffffff) == 0x7f800000; }
fn isFinite_f32(x: f32) bool { return (@bitcast(u32, x) & 0x7f800000) != 0x7f800000; }
fn signbit_f32(x: f32) bool { return (@bitcast(u32, x) >> 31) != 0; }
fn isNaN_f16(x: @fp16()) bool { return isNaN_f32(@as(f32, x)); }
fn isInf_f16(x: @fp16()) bool { return isInf_f32(@as(f32, x)); }
fn isFinite_f16(x: @fp16()) bool { return isFinite_f32(@as(f32, x)); }
fn signbit_f16(x: @fp16()) bool { return (@bitcast(u16, x) >> 15) != 0; }
// A signaling NaN has its quiet bit, the top mantissa bit, clear (a conversion would quiet it).
fn tessera_quiet_bit16(comptime T: type) u16 { return if (@is_same_type(T, bf16)) 0x0040 else 0x0200; }
fn isSignaling_f32(x: f32) bool { return isNaN_f32(x) and (@bitcast(u32, x) & 0x00400000) == 0; }
fn isSignaling_f16(x: @fp16()) bool { return isSignaling(x); }
fn isSignaling(x: anytype) bool {
  if (@is_same_type(@type_of(x), f32)) {
    return isSignaling_f32(x);
  } else {
    @comptime_assert(@is_same_type(@type_of(x), f16) or @is_same_type(@type_of(x), bf16) or @is_same_type(@type_of(x), cb16), "isSignaling takes f16, cb16, bf16 or f32");
    return isNaN_f32(@as(f32, x)) and (@bitcast(u16, x) & tessera_quiet_bit16(@type_of(x))) == 0;
  }
}
fn isNaN(x: anytype) bool { return isNaN_f32(@as(f32, @as(tessera_real_type(@type_of(x)), x))); }
fn isInf(x: anytype) bool { return isInf_f32(@as(f32, @as(tessera_real_type(@type_of(x)), x))); }
fn isFinite(x: anytype) bool { return isFinite_f32(@as(f32, @as(tessera_real_type(@type_of(x)), x))); }
fn signbit(x: anytype) bool { return signbit_f32(@as(f32, @as(tessera_real_type(@type_of(x)), x))); }
fn max(x: anytype, y: @type_of(x)) @type_of(x) { if (x > y or y != y) return x; return y; }
fn min(x: anytype, y: @type_of(x)) @type_of(x) { if (x < y or y != y) return x; return y; }
fn sign(x: anytype) @type_of(x) {
  if (x > 0) return 1;
  if (!@is_same_type(@type_of(x), u8) and !@is_same_type(@type_of(x), u16) and !@is_same_type(@type_of(x), u32) and !@is_same_type(@type_of(x), u64)) { if (x < 0) return -1; }
  return x * 1; // a zero, or a NaN made quiet
}
fn max_f32(x: f32, y: f32) f32 { return max(x, y); }
fn min_f32(x: f32, y: f32) f32 { return min(x, y); }
fn sign_f32(x: f32) f32 { return sign(x); }
fn max_f16(x: @fp16(), y: @fp16()) @fp16() { return max(x, y); }
fn min_f16(x: @fp16(), y: @fp16()) @fp16() { return min(x, y); }
fn sign_f16(x: @fp16()) @fp16() { return sign(x); }
fn floor_f32(x: f32) f32 {
  // Integral, infinite, NaN (made quiet) or a zero (whose sign IEEE floor keeps): x.
  if (!(abs_f32(x) < 8388608.0) or x == 0.0) return x * 1.0;
  const t = @as(f32, @as(i32, x));
  if (t > x) return t - 1.0;
  return t;
}
fn ceil_f32(x: f32) f32 { return -floor_f32(-x); }
fn floor_f16(x: @fp16()) @fp16() { return @as(@fp16(), floor_f32(@as(f32, x))); }
fn ceil_f16(x: @fp16()) @fp16() { return @as(@fp16(), ceil_f32(@as(f32, x))); }
fn floor(x: anytype) tessera_real_type(@type_of(x)) { return @as(tessera_real_type(@type_of(x)), floor_f32(@as(f32, x))); }
fn ceil(x: anytype) tessera_real_type(@type_of(x)) { return @as(tessera_real_type(@type_of(x)), ceil_f32(@as(f32, x))); }
fn pow2_f32(k: i32) f32 { return @bitcast(f32, @bitcast(u32, k + 127) << 23); }
// v * 2^s for any i16 s, rounded once as IEEE ldexp: an exponent past 127 is applied in
// steps of 2^127, one below -126 in steps of 2^-102 (2^-126 * 2^24, which keeps a normal
// value normal so only the last product rounds into the subnormals); what is left after
// two steps saturates (it over- or underflows anyway). It took k in -150..255 only:
// fscale(1.5, 400) was -inf, fscale(1e38, -300) a large negative number.
fn fscale_f32(v: f32, s: i16) f32 {
  var y = v;
  var k = @as(i32, s);
  if (k > 127) {
    y = y * pow2_f32(127);
    k -= 127;
    if (k > 127) {
      y = y * pow2_f32(127);
      k -= 127;
      if (k > 127) k = 127;
    }
  } else if (k < -126) {
    y = y * pow2_f32(-102);
    k += 102;
    if (k < -126) {
      y = y * pow2_f32(-102);
      k += 102;
      if (k < -126) k = -126;
    }
  }
  return y * pow2_f32(k);
}
fn fscale_f16(v: @fp16(), s: i16) @fp16() { return @as(@fp16(), fscale_f32(@as(f32, v), s)); }
fn fscale(v: anytype, s: i16) tessera_real_type(@type_of(v)) { return @as(tessera_real_type(@type_of(v)), fscale_f32(@as(f32, v), s)); }
fn exp_f32(x: f32) f32 {
  if (isNaN_f32(x)) return x * 1.0; // quiet, as IEEE operations give a NaN
  if (x > 88.72284) return POSITIVE_INF_f32;
  if (x < -103.972077) return 0.0; // exp(x) < 2^-150 rounds to 0
  const kf = floor_f32(x * 1.44269504 + 0.5);
  const r = (x - kf * 0.693145752) - kf * 1.42860677e-6;
  const er = 1.0 + r * (1.0 + r * (0.5 + r * (0.166666667 + r * (0.0416666667 +
             r * (0.00833333333 + r * (0.00138888889 + r * 0.000198412698))))));
  return fscale_f32(er, @as(i16, kf));
}
// A finite x > 0 as m 2^e with m in [sqrt(1/2), sqrt(2)).
const tessera_log_parts_t = struct { m: f32, e: f32 };
inline fn tessera_log_parts(x: f32) tessera_log_parts_t {
  var v = x;
  var e: i32 = 0;
  if (@bitcast(u32, v) < 0x00800000) { // subnormal
    v = v * 8388608.0;
    e = -23;
  }
  const bits = @bitcast(u32, v);
  e += @as(i32, bits >> 23) - 127;
  var m = @bitcast(f32, (bits & 0x7fffff) | 0x3f800000);
  if (m > 1.41421356) {
    m = m * 0.5;
    e += 1;
  }
  return .{ .m = m, .e = @as(f32, e) };
}
fn log_f32(x: f32) f32 {
  if (isNaN_f32(x) or x < 0.0) return NaN_f32;
  if (x == 0.0) return NEGATIVE_INF_f32;
  if (isInf_f32(x)) return x;
  const parts = tessera_log_parts(x);
  const m = parts.m;
  const s = (m - 1.0) / (m + 1.0);
  const s2 = s * s;
  const lm = 2.0 * s * (1.0 + s2 * (0.333333333 + s2 * (0.2 + s2 * (0.142857143 +
             s2 * (0.111111111 + s2 * 0.0909090909)))));
  return lm + parts.e * 0.693147181;
}
// sin and cos: x = k pi/2 + r, then sin or cos of r in [-pi/4, pi/4] (Cephes'
// single-precision polynomials) by the quadrant k mod 4. A zero keeps its sign: sin(-0) = -0.
// |x| < 6432 (|k| < 2^12): Cody-Waite with pi/2 in three parts, the first two of 12 bits so
// that k times them is exact (every f32 in [pi/4, 6432) is within 2 ulps of sin and cos:
// checked exhaustively with a numpy model of these f32 operations against float64, and
// by sampling on the simulator); k is x 2/pi rounded by adding 1.5 * 2^23, whose low bits
// are then k mod 4. Larger |x| (up to 3.4e38: every finite f32 is an argument) goes through
// tessera_reduce_f32 (Payne-Hanek). The reduction "exact for |k| < 2^16" that this replaces
// gave garbage past 1e5 (sin(1e10) = -3.3e17, cos(1e20) = inf) and up to hundreds of ulps
// next to multiples of pi/2 below that.
fn sin_poly_f32(r: f32) f32 {
  const r2 = r * r;
  return r + r * r2 * (-1.6666654611e-1 + r2 * (8.3321608736e-3 + r2 * -1.9515295891e-4));
}
fn cos_poly_f32(r: f32) f32 {
  const r2 = r * r;
  return 1.0 - 0.5 * r2 + r2 * r2 * (4.166664568298827e-2 + r2 * (-1.388731625493765e-3 +
         r2 * 2.443315711809948e-5));
}
// 2/pi in binary: word j >= 1 holds its bits 32j - 31 .. 32j after the point; word 0 is
// zeros (bits -31 .. 0), so a window may start before the point.
const tessera_two_over_pi = [8]u32 {
  0x00000000, 0xa2f9836e, 0x4e441529, 0xfc2757d1, 0xf534ddc0, 0xdb629599, 0x3c439041, 0xfe5163ab,
};
// The high 32 bits of a * b, from 16-bit halves.
inline fn tessera_mul_hi_u32(a: u32, b: u32) u32 {
  const al = a & 0xffff;
  const ah = a >> 16;
  const bl = b & 0xffff;
  const bh = b >> 16;
  const lh = al * bh;
  const hl = ah * bl;
  const mid = ((al * bl) >> 16) + (lh & 0xffff) + (hl & 0xffff);
  return ah * bh + (lh >> 16) + (hl >> 16) + (mid >> 16);
}
// x = (4j + quadrant) pi/2 + r + tail with |r + tail| <= pi/4, for finite |x| >= 6432.
const tessera_reduced_f32 = struct { quadrant: u32, r: f32, tail: f32 };
// Payne-Hanek: x = m 2^e (m the 24-bit significand), and x 2/pi mod 4 is m times the bits
// of 2/pi from weight 2^(1-e) on (the earlier ones make multiples of 4). m times 96 of
// those bits, modulo 2^96, is the quadrant (top 2 bits) and the fraction (94 bits, error
// below 2^-70); the fraction, rounded to the nearest quarter turn and normalised, times
// pi/2 in 64 bits gives r and its tail. The closest f32 to a multiple of pi/2 is about
// 2^-29 quarter turns away, so r keeps over 40 correct bits.
fn tessera_reduce_f32(x: f32) tessera_reduced_f32 {
  const bits = @bitcast(u32, x);
  const m = (bits & 0x7fffff) | 0x800000;
  const start = ((bits >> 23) & 0xff) - 120; // the bit of weight 2^(1-e), counted from word 0
  const w = @as(u16, start >> 5);
  const s = start & 31;
  var g2 = tessera_two_over_pi[w];
  var g1 = tessera_two_over_pi[w + 1];
  var g0 = tessera_two_over_pi[w + 2];
  if (s != 0) {
    g2 = (g2 << s) | (g1 >> (32 - s));
    g1 = (g1 << s) | (g0 >> (32 - s));
    g0 = (g0 << s) | (tessera_two_over_pi[w + 3] >> (32 - s));
  }
  // p2:p1:p0 = m * g2:g1:g0 mod 2^96
  const p0 = m * g0;
  const t1 = m * g1;
  const p1 = t1 + tessera_mul_hi_u32(m, g0);
  const p2 = m * g2 + tessera_mul_hi_u32(m, g1) + @as(u32, if (p1 < t1) 1 else 0);
  var quadrant = p2 >> 30;
  // The fraction in units of 2^-96, then in [-1/2, 1/2): its magnitude and sign.
  var f2 = (p2 << 2) | (p1 >> 30);
  var f1 = (p1 << 2) | (p0 >> 30);
  var f0 = p0 << 2;
  var negative = (bits >> 31) != 0;
  if ((f2 >> 31) != 0) {
    quadrant += 1;
    negative = !negative;
    f0 = ~f0 + 1;
    const c0 = @as(u32, if (f0 == 0) 1 else 0);
    f1 = ~f1 + c0;
    f2 = ~f2 + @as(u32, if (c0 != 0 and f1 == 0) 1 else 0);
  }
  var shift: i32 = 0;
  if (f2 == 0) {
    f2 = f1;
    f1 = f0;
    f0 = 0;
    shift = 32;
    if (f2 == 0) {
      f2 = f1;
      f1 = 0;
      shift = 64;
    }
  }
  var v = f2;
  var n: u32 = 0;
  if ((v & 0xffff0000) == 0) { n += 16; v <<= 16; }
  if ((v & 0xff000000) == 0) { n += 8; v <<= 8; }
  if ((v & 0xf0000000) == 0) { n += 4; v <<= 4; }
  if ((v & 0xc0000000) == 0) { n += 2; v <<= 2; }
  if ((v & 0x80000000) == 0) { n += 1; }
  if (n != 0) {
    f2 = (f2 << n) | (f1 >> (32 - n));
    f1 = (f1 << n) | (f0 >> (32 - n));
  }
  // rh:rl = (f2:f1 * pi/2 2^63) >> 64, pi/2 2^63 = 0xc90fdaa2_2168c235.
  const lo = f2 * 0xc90fdaa2;
  const rl1 = lo + tessera_mul_hi_u32(f2, 0x2168c235);
  const rl = rl1 + tessera_mul_hi_u32(f1, 0xc90fdaa2);
  const rh = tessera_mul_hi_u32(f2, 0xc90fdaa2) + @as(u32, if (rl1 < lo) 1 else 0) +
             @as(u32, if (rl < rl1) 1 else 0);
  // r + tail = (rh + rl 2^-32) 2^-31 2^-(shift + n); the top 24 bits of rh are exact in f32.
  var scale = pow2_f32(-31 - shift - @as(i32, n));
  if (negative) scale = -scale;
  const r = @as(f32, rh & 0xffffff00) * scale;
  const tail = (@as(f32, rh & 0xff) + @as(f32, rl) * 2.3283064365386963e-10) * scale;
  var q = quadrant & 3;
  if ((bits >> 31) != 0) q = (4 - q) & 3;
  const sum = r + tail;
  return tessera_reduced_f32 { .quadrant = q, .r = sum, .tail = tail - (sum - r) };
}
fn sin_quadrant_f32(x: f32, shift: u32) f32 {
  const bits = @bitcast(u32, x);
  if ((bits & 0x7fffffff) < 0x45c90000) { // |x| < 6432
    const y = x * 0.636619772 + 12582912.0;
    const k = y - 12582912.0;
    const r = ((x - k * 1.57080078125) + k * 4.453584551811218e-6) + k * 8.705515752716053e-10;
    const quadrant = (@bitcast(u32, y) + shift) & 3;
    // r is 0 only for x = +-0 (k = 0), and then +0 (-0 + k * 4.45e-6 is +0): sin(x) is x.
    if (quadrant == 0) return if (r == 0.0) x else sin_poly_f32(r);
    if (quadrant == 1) return cos_poly_f32(r);
    if (quadrant == 2) return -sin_poly_f32(r);
    return -cos_poly_f32(r);
  }
  if (!isFinite_f32(x)) return NaN_f32;
  const red = tessera_reduce_f32(x);
  const r = red.r;
  const quadrant = (red.quadrant + shift) & 3;
  // sin(r + t) = sin r + t cos r, cos(r + t) = cos r - t sin r, to first order in t.
  if (quadrant == 0) return sin_poly_f32(r) + red.tail;
  if (quadrant == 1) return cos_poly_f32(r) - red.tail * r;
  if (quadrant == 2) return -sin_poly_f32(r) - red.tail;
  return -cos_poly_f32(r) + red.tail * r;
}
fn sin_f32(x: f32) f32 { return sin_quadrant_f32(x, 0); }
fn cos_f32(x: f32) f32 { return sin_quadrant_f32(x, 1); }
// x^n for an integer 1 <= n <= 64 by repeated squaring: exact whenever the powers it
// forms are representable (10^5, 3^4).
fn pow_int_f32(x: f32, n: u32) f32 {
  var result: f32 = 1.0;
  var square = x;
  var k = n;
  while (k != 0) : (k >>= 1) {
    if ((k & 1) != 0) result = result * square;
    if (k > 1) square = square * square;
  }
  return result;
}
// pow in f32 arithmetic alone, to within an ulp: log(x) and y log(x) as unevaluated sums
// hi + lo of two f32s (exp(y log x) rounded y log x to f32 first, whose error of up to half
// an ulp of 88 became the result's relative error: up to 99 ulps). Products are exact
// through Veltkamp's split (no fused multiply-add), sums through Knuth's two-sum.
const tessera_df = struct { hi: f32, lo: f32 };
fn tessera_two_sum(a: f32, b: f32) tessera_df {
  const s = a + b;
  const bb = s - a;
  return .{ .hi = s, .lo = (a - (s - bb)) + (b - bb) };
}
fn tessera_split_hi(a: f32) f32 {
  const c = 4097.0 * a;
  return c - (c - a);
}
fn tessera_two_prod(a: f32, b: f32) tessera_df {
  const p = a * b;
  const ah = tessera_split_hi(a);
  const al = a - ah;
  const bh = tessera_split_hi(b);
  const bl = b - bh;
  return .{ .hi = p, .lo = (((ah * bh - p) + ah * bl) + al * bh) + al * bl };
}
// log(x) for a finite x > 0: x = m 2^e with m in [sqrt(1/2), sqrt(2)), log m = 2 atanh(t)
// with t = (m - 1) / (m + 1) carried as hi + lo, and e ln 2 in two parts.
fn tessera_log_df(x: f32) tessera_df {
  const parts = tessera_log_parts(x);
  const m = parts.m;
  const num = m - 1.0; // exact
  const den = tessera_two_sum(m, 1.0);
  const th = num / den.hi;
  const p = tessera_two_prod(th, den.hi);
  const tl = (((num - p.hi) - p.lo) - th * den.lo) / den.hi;
  const s = th * th;
  const tail = 2.0 * th * s * (0.333333333 + s * (0.2 + s * (0.142857143 + s * (0.111111111 +
               s * 0.0909090909))));
  const ef = parts.e;
  const head = tessera_two_sum(ef * 0.693145752, 2.0 * th);
  return tessera_two_sum(head.hi, head.lo + ((ef * 1.42860677e-6 + 2.0 * tl) + tail));
}
// exp(hi + lo): hi = k ln 2 + r, then the series of r + lo and 2^k by fscale.
fn tessera_exp_df(z: tessera_df) f32 {
  if (z.hi > 88.72284) return POSITIVE_INF_f32;
  if (z.hi < -103.972077) return 0.0;
  const kf = floor_f32(z.hi * 1.44269504 + 0.5);
  const r = ((z.hi - kf * 0.693145752) - kf * 1.42860677e-6) + z.lo;
  const er = 1.0 + r * (1.0 + r * (0.5 + r * (0.166666667 + r * (0.0416666667 +
             r * (0.00833333333 + r * (0.00138888889 + r * 0.000198412698))))));
  return fscale_f32(er, @as(i16, kf));
}
// |x|^y for a finite x != 0 and a finite y.
fn tessera_pow_magnitude(x: f32, y: f32) f32 {
  const ax = abs_f32(x);
  // (A y this large overflows the split; the result is an infinity, a zero or 1 anyway.)
  if (abs_f32(y) > 1.0e30) return exp_f32(y * log_f32(ax));
  const l = tessera_log_df(ax);
  const z = tessera_two_prod(y, l.hi);
  return tessera_exp_df(tessera_two_sum(z.hi, z.lo + y * l.lo));
}
// The special cases are C99's (and numpy's): pow(x, +-0) and pow(1, y) are 1 even for a
// NaN, pow(-1, +-inf) is 1, a NaN otherwise gives NaN, and pow(+-0, y) keeps the zero's
// sign for odd integers y (pow(-0, -3) is -inf; it was +inf, and pow(0, NaN) was +inf).
fn pow_f32(x: f32, y: f32) f32 {
  if (y == 0.0 or x == 1.0) return 1.0;
  if (x == -1.0 and abs_f32(y) == POSITIVE_INF_f32) return 1.0;
  if (x != x or y != y) return NaN_f32;
  const odd_integer = floor_f32(y) == y and abs_f32(y) < 16777216.0 and
                      floor_f32(y * 0.5) != y * 0.5;
  if (x == 0.0) {
    const negative_zero = (@bitcast(u32, x) >> 31) != 0 and odd_integer;
    if (y > 0.0) return if (negative_zero) -0.0 else 0.0;
    return if (negative_zero) -POSITIVE_INF_f32 else POSITIVE_INF_f32;
  }
  // pow(-inf, y) is an infinity for y > 0 and a zero for y < 0, negative for odd integers
  // (it was NaN unless y was an integer).
  if (x == -POSITIVE_INF_f32) {
    if (y > 0.0) return if (odd_integer) -POSITIVE_INF_f32 else POSITIVE_INF_f32;
    return if (odd_integer) -0.0 else 0.0;
  }
  if (x == POSITIVE_INF_f32) return if (y > 0.0) POSITIVE_INF_f32 else 0.0;
  if (abs_f32(y) == POSITIVE_INF_f32) {
    if ((abs_f32(x) > 1.0) == (y > 0.0)) return POSITIVE_INF_f32;
    return 0.0;
  }
  // An integer power of an integer below 2^24 is exact by repeated squaring (3^2 is 9, where
  // the logarithm's path is an ulp off for one such power in fifteen); its reciprocal rounds
  // once.
  if (floor_f32(y) == y and abs_f32(y) <= 64.0 and floor_f32(x) == x) {
    const positive = pow_int_f32(x, @as(u32, abs_f32(y)));
    if (abs_f32(positive) < 16777216.0) return if (y > 0.0) positive else 1.0 / positive;
  }
  if (x < 0.0 and floor_f32(y) != y) return NaN_f32;
  const mag = tessera_pow_magnitude(x, y);
  if (x < 0.0 and odd_integer) return -mag;
  return mag;
}
fn tanh_f32(x: f32) f32 {
  if (x > 9.0) return 1.0;
  if (x < -9.0) return -1.0;
  if (abs_f32(x) < 0.125) {
    const x2 = x * x;
    return x * (1.0 + x2 * (-0.333333333 + x2 * (0.133333333 + x2 * -0.053968254)));
  }
  const e2 = exp_f32(2.0 * x);
  return (e2 - 1.0) / (e2 + 1.0);
}
fn inv_f32(x: f32) f32 { return 1.0 / x; }
fn exp_f16(x: @fp16()) @fp16() { return @as(@fp16(), exp_f32(@as(f32, x))); }
fn log_f16(x: @fp16()) @fp16() { return @as(@fp16(), log_f32(@as(f32, x))); }
fn sin_f16(x: @fp16()) @fp16() { return @as(@fp16(), sin_f32(@as(f32, x))); }
fn cos_f16(x: @fp16()) @fp16() { return @as(@fp16(), cos_f32(@as(f32, x))); }
fn tanh_f16(x: @fp16()) @fp16() { return @as(@fp16(), tanh_f32(@as(f32, x))); }
fn inv_f16(x: @fp16()) @fp16() { return @as(@fp16(), inv_f32(@as(f32, x))); }
fn invsqrt_f16(x: @fp16()) @fp16() { return @as(@fp16(), invsqrt_f32(@as(f32, x))); }
fn pow_f16(x: @fp16(), y: @fp16()) @fp16() { return @as(@fp16(), pow_f32(@as(f32, x), @as(f32, y))); }
fn exp(x: anytype) tessera_real_type(@type_of(x)) { return @as(tessera_real_type(@type_of(x)), exp_f32(@as(f32, x))); }
fn log(x: anytype) tessera_real_type(@type_of(x)) { return @as(tessera_real_type(@type_of(x)), log_f32(@as(f32, x))); }
fn sin(x: anytype) tessera_real_type(@type_of(x)) { return @as(tessera_real_type(@type_of(x)), sin_f32(@as(f32, x))); }
fn cos(x: anytype) tessera_real_type(@type_of(x)) { return @as(tessera_real_type(@type_of(x)), cos_f32(@as(f32, x))); }
fn tanh(x: anytype) tessera_real_type(@type_of(x)) { return @as(tessera_real_type(@type_of(x)), tanh_f32(@as(f32, x))); }
fn pow(x: anytype, y: @type_of(x)) tessera_real_type(@type_of(x)) {
  return @as(tessera_real_type(@type_of(x)), pow_f32(@as(f32, x), @as(f32, y)));
}
)csl";

// <random> over the PE generator (<tessera/random>, the generator @random16 steps, which
// set_global_prng_seed sets):
// random_f32(a, b) is a + (b - a) * s / 2^23 with s the generator's whole 23-bit state after
// one call's steps, so values lie in [a, b); random_normal_f32 is Box-Muller over two such
// draws.
const char* const kRandomSource = R"csl(// <random>
const prng = @import_module("<tessera/random>");
const math = @import_module("<math>");
fn random_u16() u16 { return prng.random16(); }
// A draw just below 1 can round up to upper when the range is a few ulps of large values
// (27% of draws for (1e8, 1e8 + 16)): draw again then, so values stay in [lower, upper).
fn random_f32(lower: f32, upper: f32) f32 {
  const width = upper - lower; const wide = width - width != 0.0; // (-3e38, 3e38): inf
  var x = tessera_draw_f32(lower, upper, wide); var draws: u16 = 1;
  while (lower < upper and !(x < upper) and draws < 64) : (draws += 1) { x = tessera_draw_f32(lower, upper, wide); }
  if (lower < upper and !(x < upper)) return lower; // an infinite bound: no draw is below it
  return x;
}
fn tessera_draw_f32(lower: f32, upper: f32, wide: bool) f32 {
  const t = @as(f32, prng.random23()) / 8388608.0;
  if (wide) return lower * (1.0 - t) + upper * t; // upper - lower overflows: hung for ever
  return lower + (upper - lower) * t;
}
// Rounding to f16 can carry a draw just below upper up to upper: draw again then, so values
// stay in [lower, upper).
fn random_f16(lower: @fp16(), upper: @fp16()) @fp16() {
  var h = @as(@fp16(), random_f32(@as(f32, lower), @as(f32, upper)));
  while (lower < upper and h >= upper) {
    h = @as(@fp16(), random_f32(@as(f32, lower), @as(f32, upper)));
  }
  return h;
}
// Uniform in [0, 2^pow), pow in 0..32.
fn random_pow_u32(pow: u16) u32 {
  @assert(pow <= 32);
  if (pow == 0) return 0;
  const bits = (@as(u32, prng.random16()) << 16) | @as(u32, prng.random16());
  return bits >> @as(u32, 32 - pow);
}
fn random_normal_f32() f32 {
  const u1 = 1.0 - random_f32(0.0, 1.0); // (0, 1]: log is finite
  const u2 = random_f32(0.0, 1.0);
  return math.sqrt_f32(-2.0 * math.log_f32(u1)) * math.cos_f32(6.28318531 * u2);
}
// "Sets the global state of the PRNG to seed": the state @random16 and these functions
// step (23 bits; the program starts with 0xdeadbeef).
fn set_global_prng_seed(seed: u32) void { prng.seed(seed); }
)csl";

// <dsd_ops>: one DSD builtin chosen by the element type(s), as the SDK's Libraries page
// tabulates them; each wrapper expands to that single builtin and returns true.
const char* const kDsdOpsSource = R"csl(// <dsd_ops>
fn no_op(comptime what: comptime_string) void {
  @comptime_assert(false, @strcat("<dsd_ops>.", what, ": no DSD operation for these types"));
}
inline fn mov(comptime T: type, dst: anytype, src: anytype, comptime config: anytype) bool {
  if (@is_same_type(T, @fp16())) { @fmovh(dst, src, config); }
  else if (@is_same_type(T, f32)) { @fmovs(dst, src, config); }
  else if (@is_same_type(T, i16) or @is_same_type(T, u16)) { @mov16(dst, src, config); }
  else if (@is_same_type(T, i32) or @is_same_type(T, u32)) { @mov32(dst, src, config); }
  else { no_op("mov"); }
  return true;
}
inline fn convert(comptime Tdst: type, comptime Tsrc: type, dst: anytype, src: anytype,
                  comptime config: anytype) bool {
  if (@is_same_type(Tdst, @fp16()) and @is_same_type(Tsrc, f32)) { @fs2h(dst, src, config); }
  else if (@is_same_type(Tdst, @fp16()) and @is_same_type(Tsrc, i16)) { @xp162fh(dst, src, config); }
  else if (@is_same_type(Tdst, @fp16()) and @is_same_type(Tsrc, @fp16())) { @fmovh(dst, src, config); }
  else if (@is_same_type(Tdst, f32) and @is_same_type(Tsrc, @fp16())) { @fh2s(dst, src, config); }
  else if (@is_same_type(Tdst, f32) and @is_same_type(Tsrc, i16)) { @xp162fs(dst, src, config); }
  else if (@is_same_type(Tdst, f32) and @is_same_type(Tsrc, f32)) { @fmovs(dst, src, config); }
  else if (@is_same_type(Tdst, i16) and @is_same_type(Tsrc, @fp16())) { @fh2xp16(dst, src, config); }
  else if (@is_same_type(Tdst, i16) and @is_same_type(Tsrc, f32)) { @fs2xp16(dst, src, config); }
  else if (@is_same_type(Tdst, i16) and @is_same_type(Tsrc, i16)) { @mov16(dst, src, config); }
  else { no_op("convert"); }
  return true;
}
inline fn add(comptime Tdst: type, comptime Tsrc: type, dst: anytype, src0: anytype,
              src1: anytype, comptime config: anytype) bool {
  if (@is_same_type(Tdst, @fp16()) and @is_same_type(Tsrc, @fp16())) { @faddh(dst, src0, src1, config); }
  else if (@is_same_type(Tdst, f32) and @is_same_type(Tsrc, @fp16())) { @faddhs(dst, src0, src1, config); }
  else if (@is_same_type(Tdst, f32) and @is_same_type(Tsrc, f32)) { @fadds(dst, src0, src1, config); }
  else if ((@is_same_type(Tdst, i16) and @is_same_type(Tsrc, i16)) or (@is_same_type(Tdst, u16) and @is_same_type(Tsrc, u16))) {
    @add16(dst, src0, src1, config);
  } else { no_op("add"); }
  return true;
}
inline fn sub(comptime T: type, dst: anytype, src0: anytype, src1: anytype,
              comptime config: anytype) bool {
  if (@is_same_type(T, @fp16())) { @fsubh(dst, src0, src1, config); }
  else if (@is_same_type(T, f32)) { @fsubs(dst, src0, src1, config); }
  else if (@is_same_type(T, i16)) { @sub16(dst, src0, src1, config); }
  else { no_op("sub"); }
  return true;
}
inline fn mul(comptime T: type, dst: anytype, src0: anytype, src1: anytype,
              comptime config: anytype) bool {
  if (@is_same_type(T, @fp16())) { @fmulh(dst, src0, src1, config); }
  else if (@is_same_type(T, f32)) { @fmuls(dst, src0, src1, config); }
  else { no_op("mul"); }
  return true;
}
inline fn fmac(comptime Tdst: type, comptime Tsrc: type, dst: anytype, src0: anytype,
               src1: anytype, x: anytype, comptime config: anytype) bool {
  if (@is_same_type(Tdst, @fp16()) and @is_same_type(Tsrc, @fp16())) { @fmach(dst, src0, src1, x, config); }
  else if (@is_same_type(Tdst, f32) and @is_same_type(Tsrc, @fp16())) { @fmachs(dst, src0, src1, x, config); }
  else if (@is_same_type(Tdst, f32) and @is_same_type(Tsrc, f32)) { @fmacs(dst, src0, src1, x, config); }
  else { no_op("fmac"); }
  return true;
}
inline fn neg(comptime T: type, dst: anytype, src: anytype, comptime config: anytype) bool {
  if (@is_same_type(T, @fp16())) { @fnegh(dst, src, config); }
  else if (@is_same_type(T, f32)) { @fnegs(dst, src, config); }
  else { no_op("neg"); }
  return true;
}
inline fn abs(comptime T: type, dst: anytype, src: anytype, comptime config: anytype) bool {
  if (@is_same_type(T, @fp16())) { @fabsh(dst, src, config); }
  else if (@is_same_type(T, f32)) { @fabss(dst, src, config); }
  else { no_op("abs"); }
  return true;
}
inline fn norm(comptime T: type, dst: anytype, src: anytype, comptime config: anytype) bool {
  if (@is_same_type(T, @fp16())) { @fnormh(dst, src, config); }
  else if (@is_same_type(T, f32)) { @fnorms(dst, src, config); }
  else { no_op("norm"); }
  return true;
}
inline fn scale(comptime T: type, dst: anytype, src0: anytype, src1: anytype,
                comptime config: anytype) bool {
  if (@is_same_type(T, @fp16())) { @fscaleh(dst, src0, src1, config); }
  else if (@is_same_type(T, f32)) { @fscales(dst, src0, src1, config); }
  else { no_op("scale"); }
  return true;
}
inline fn max(comptime T: type, dst: anytype, src0: anytype, src1: anytype,
              comptime config: anytype) bool {
  if (@is_same_type(T, @fp16())) { @fmaxh(dst, src0, src1, config); }
  else if (@is_same_type(T, f32)) { @fmaxs(dst, src0, src1, config); }
  else { no_op("max"); }
  return true;
}
)csl";

} // namespace csl::lib

#include "backend/csl/lib/stdlib_sources.h"

namespace csl::lib {

// <tile_config> gains its queue parts through this prelude, so the library source of
// <tile_config> itself stays as it is.
const char* const kTileConfigQueuePartsSource = R"csl(
const queue_flush = @import_module("<tile_config/queue_flush>");
const output_queue_config = @import_module("<tile_config/output_queue_config>");
const input_queue_config = @import_module("<tile_config/input_queue_config>");
)csl";

// The flush state of an output queue is set by @queue_flush(q) and stays set until exit(q):
// the teardown task calls the handler @set_empty_queue_handler gave `q` while it is set.
const char* const kQueueFlushSource = R"csl(// <tile_config/queue_flush>
const queues = @import_module("<tessera/queues>");
// True from @queue_flush(q) until exit(q): the teardown task ran (or will run) because q
// was flushed.
fn is_active(comptime q: output_queue) bool { return queues.flush_active(q); }
// Clears q's flush state, so later runs of the teardown task do not call q's handler again.
fn exit(comptime q: output_queue) void { queues.flush_exit(q); }
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
    @comptime_assert(@is_same_type(T, f16) or @is_same_type(T, i16) or @is_same_type(T, u16),
                     "<malloc> allocates 16- and 32-bit numbers (f16 i16 u16 f32 i32 u32)");
    return 1;
  }
}
fn aligned_start(comptime T: type) u16 {
  const w = word_size(T);
  return (next_word + w - 1) / w * w;
}
// True when `num_values` values of type T fit into what is left of the buffer.
fn has_enough_space(comptime T: type, num_values: u16) bool {
  return aligned_start(T) + num_values * word_size(T) <= buffer_num_words;
}
fn has_enough_words(num_words: u16) bool { return has_enough_space(u16, num_words); }
fn has_enough_double_words(num_double_words: u16) bool {
  return has_enough_space(u32, num_double_words);
}
// `num_values` values of type T.
fn malloc(comptime T: type, num_values: u16) [*]T {
  const start = aligned_start(T);
  if (asserts_enabled) {
    @assert(start + num_values * word_size(T) <= buffer_num_words);
  }
  next_word = start + num_values * word_size(T);
  return @ptrcast([*]T, &buffer[start]);
}
fn malloc_f16(num_values: u16) [*]f16 { return malloc(f16, num_values); }
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

} // namespace csl::lib

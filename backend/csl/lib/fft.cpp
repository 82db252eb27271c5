// <kernels/fft>: a 3D complex FFT of an N x N x N array on a W x W rectangle of PEs
// (W = N / T), the library SDK benchmark fft-3d imports. Its interface is what that
// benchmark uses:
//   layout: @import_module("<kernels/fft/fft3d_layout>", .{ .width = W, .memcpy = memcpy })
//           and FFT_kernel(W, N, T) in the layout block (T = f16 or f32);
//   host:   symbols X ([2 * N * T * T]T per PE, complex values as real, imaginary),
//           twiddle_array ([N]T: cos(2 pi k / N), sin(2 pi k / N) for k < N / 2),
//           fft_time ([2]u32: the cycles of the last transform, 48 bits, low word first),
//           functions csfftExecC2C(norm: i16, inverse: i16), csfftExecR2C(norm: i16),
//           csfftExecC2R(norm: i16).
// PE (px, py) holds the pencils x in [px T, px T + T), y in [py T, py T + T), every z;
// complex element (x, y, z) is at index z T T + (y % T) T + x % T of X. The result replaces
// X in the same layout. norm 0 scales the inverse by 1 / N^3 (numpy "backward"), 1 both
// directions by 1 / sqrt(N^3) ("ortho"), 2 the forward transform by 1 / N^3 ("forward").
// R2C and C2R take the imaginary parts of X as zero (a real input) and store the whole
// complex result of the forward or inverse transform.
//
// How: 1D FFTs along z on each PE (radix 2, decimation in time, iterative, the twiddles from
// twiddle_array; every pencil is computed in f32, also for f16 data), then an all-to-all
// transpose along the row (PE k's z-block q goes to PE q's block k), 1D FFTs along x, the
// transpose back, and the same along the column for y. A z-block of T z-values
// (T * T * T complex elements) is contiguous in X, so the transposes need no packing.
//
// The all-to-all (<kernels/fft/fft3d_line>) runs on <collectives_2d>'s routes (PE i sends
// on color i % 2 to the direction it sets at run time, receives the other color from both
// neighbours) in two phases: every block travels up the line first (store and forward,
// towards higher PE ids), then every block that goes down. A PE changes its send direction
// only right after it received the first wavelet of the new phase: that wavelet comes from
// a neighbour that has taken in everything this PE sent in the previous phase, so no
// wavelet of the old direction is still in this PE's output queue or router (the router
// routes a wavelet with the directions current when it leaves).
#include "backend/csl/lib/fft.h"

namespace csl::lib {

const char* const kFft3dLayoutSource = R"csl(// <kernels/fft/fft3d_layout>
param width: i16;
param memcpy;
const c2d = @import_module("<collectives_2d/params>");
fn is_power_of_two(comptime n: u16) bool {
  var m: u16 = n;
  while (m > 1 and m % 2 == 0) { m /= 2; }
  return m == 1;
}
// Sets the code, routes and host symbols of the whole W x W kernel.
fn FFT_kernel(comptime kernel_width: i16, comptime n: u16, comptime T: type) void {
  @comptime_assert(kernel_width == width,
                   "<kernels/fft/fft3d_layout>.FFT_kernel: the width differs from the module's");
  @comptime_assert(@is_same_type(T, f16) or @is_same_type(T, f32),
                   "<kernels/fft/fft3d_layout>.FFT_kernel: the element type must be f16 or f32");
  @comptime_assert(n >= 2 and is_power_of_two(n),
                   "<kernels/fft/fft3d_layout>.FFT_kernel: N must be a power of two");
  @comptime_assert(kernel_width >= 1 and n % @as(u16, kernel_width) == 0,
                   "<kernels/fft/fft3d_layout>.FFT_kernel: N must be a multiple of the width");
  const rect = @get_rectangle();
  @comptime_assert(rect.width == @as(u16, kernel_width) and rect.height == @as(u16, kernel_width),
                   "<kernels/fft/fft3d_layout>.FFT_kernel: the rectangle must be width x width");
  const pencils: u16 = n / @as(u16, kernel_width);
  for (@range(i16, kernel_width)) |x| {
    for (@range(i16, kernel_width)) |y| {
      @set_tile_code(x, y, "<kernels/fft/fft3d_pe>", .{
        .memcpy_params = memcpy.get_params(x),
        .line_params = c2d.get_params(x, y, .{
          .x_colors = [2]color{ @get_color(0), @get_color(1) }, .x_entrypoints = .{},
          .y_colors = [2]color{ @get_color(2), @get_color(3) }, .y_entrypoints = .{} }),
        .n = n, .pencils = pencils, .tensor_type = T });
    }
  }
  @export_name("X", [*]T, true);
  @export_name("twiddle_array", [*]T, true);
  @export_name("fft_time", [*]u32, true);
  @export_name("csfftExecC2C", fn(i16, i16)void);
  @export_name("csfftExecR2C", fn(i16)void);
  @export_name("csfftExecC2R", fn(i16)void);
}
)csl";

// All-to-all along one row or column (see above). Block d of src on PE s lands in block s
// of dst on PE d; a block is `count` u32 words.
const char* const kFft3dLineSource = R"csl(// <kernels/fft/fft3d_line>
param dim_params;
param queues: [2]u16;
const router = @import_module("<tessera/router>");
const FIELD_TX: u16 = 1;
const me: u16 = dim_params.pe_id;
const n: u16 = dim_params.num_pes;
const up_bit: u16 = dim_params.up_bit;
const down_bit: u16 = dim_params.down_bit;
const send_color: color = dim_params.send_color;
const recv_color: color = dim_params.recv_color;
const iq = @get_input_queue(queues[0]);
const oq = @get_output_queue(queues[1]);
var anchor: [1]u32;
const anchor_dsd = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{1} -> anchor[i] });
const in_dsd = @get_dsd(fabin_dsd, .{ .extent = 1, .fabric_color = recv_color, .input_queue = iq });
const out_dsd = @get_dsd(fabout_dsd, if (@is_arch("wse3")) .{ .extent = 1, .output_queue = oq }
                                     else .{ .extent = 1, .output_queue = oq, .fabric_color = send_color });
fn block(buf: [*]u32, k: u16, count: u16) mem1d_dsd {
  return @increment_dsd_offset(@set_dsd_length(@set_dsd_base_addr(anchor_dsd, buf), count),
                               k * count, u32);
}
fn recv(buf: [*]u32, k: u16, count: u16) void {
  @mov32(block(buf, k, count), @set_dsd_length(in_dsd, count));
}
fn send(buf: [*]u32, k: u16, count: u16) void {
  @mov32(@set_dsd_length(out_dsd, count), block(buf, k, count));
}
fn forward(count: u16) void {
  if (count > 0) @mov32(@set_dsd_length(out_dsd, count), @set_dsd_length(in_dsd, count));
}
fn direction(bits: u16) void { router.set(@get_int(send_color), FIELD_TX, bits); }
fn alltoall(src: [*]u32, dst: [*]u32, count: u16) void {
  @mov32(block(dst, me, count), block(src, me, count));
  if (n < 2) return;
  // Up: the stream out of PE i holds, for every source s <= i in turn, the blocks of s for
  // PEs i+1 .. n-1, nearest first.
  if (me == 0) direction(up_bit);
  var s: u16 = 0;
  while (s < me) : (s += 1) {
    recv(dst, s, count);
    if (s == 0 and me + 1 < n) direction(up_bit);
    forward((n - 1 - me) * count);
  }
  var d: u16 = me + 1;
  while (d < n) : (d += 1) { send(src, d, count); }
  // Down: the stream out of PE i holds, for every source s >= i from the top down, the
  // blocks of s for PEs i-1 .. 0, nearest first.
  if (me + 1 == n) direction(down_bit);
  s = n - 1;
  while (s > me) : (s -= 1) {
    recv(dst, s, count);
    if (s == n - 1 and me > 0) direction(down_bit);
    forward(me * count);
  }
  d = me;
  while (d > 0) : (d -= 1) { send(src, d - 1, count); }
}
comptime {
  @initialize_queue(iq, .{ .color = recv_color });
  if (@is_arch("wse3")) @initialize_queue(oq, .{ .color = send_color });
}
)csl";

const char* const kFft3dPeSource = R"csl(// <kernels/fft/fft3d_pe>
param memcpy_params;
param line_params;
param n: u16;
param pencils: u16;
param tensor_type: type;
const sys_mod = @import_module("<memcpy/memcpy>", memcpy_params);
const row = @import_module("<kernels/fft/fft3d_line>", .{ .dim_params = line_params.x,
                                                       .queues = [2]u16{ 2, 4 } });
const col = @import_module("<kernels/fft/fft3d_line>", .{ .dim_params = line_params.y,
                                                       .queues = [2]u16{ 3, 5 } });
const math = @import_module("<math>");
const time = @import_module("<time>");

const N: u16 = n;
const T: u16 = pencils;
const W: u16 = N / T;
const ELEMS: u16 = N * T * T;      // complex elements per PE
const CHUNK: u16 = T * T * T;      // complex elements one PE sends another in a transpose
// u32 words of one complex element (the collectives move u32 words).
const WORDS: u16 = if (@is_same_type(tensor_type, f32)) 2 else 1;
fn log2(comptime v: u16) u16 {
  var k: u16 = 0;
  var m: u16 = v;
  while (m > 1) { m /= 2; k += 1; }
  return k;
}
const LOG2N: u16 = log2(N);

var X: [2 * ELEMS]tensor_type align(4) = @zeros([2 * ELEMS]tensor_type);
var R: [2 * ELEMS]tensor_type align(4) = @zeros([2 * ELEMS]tensor_type);
var twiddle_array = @zeros([N]tensor_type);
var fft_time = @zeros([2]u32);
const X_ptr: [*]tensor_type = &X;
const twiddle_ptr: [*]tensor_type = &twiddle_array;
const time_ptr: [*]u32 = &fft_time;

// One pencil in f32, in bit-reversed order after load().
var pre = @zeros([N]f32);
var pim = @zeros([N]f32);
// The sign of the twiddles' imaginary parts: -1 forward, +1 inverse.
var twiddle_sign: f32 = -1.0;

fn bit_reverse(i: u16) u16 {
  var r: u16 = 0;
  var v: u16 = i;
  for (@range(u16, LOG2N)) |b| {
    r = (r << 1) | (v & 1);
    v = v >> 1;
  }
  return r;
}
// Element i of a pencil is complex element (i / T) CHUNK + (i % T) inner + offset.
fn element(i: u16, inner: u16, offset: u16) u16 {
  return (i / T) * CHUNK + (i % T) * inner + offset;
}
fn load(buf: [*]tensor_type, inner: u16, offset: u16) void {
  for (@range(u16, N)) |i| {
    const e = element(i, inner, offset);
    const r = bit_reverse(i);
    pre[r] = @as(f32, buf[2 * e]);
    pim[r] = @as(f32, buf[2 * e + 1]);
  }
}
fn store(buf: [*]tensor_type, inner: u16, offset: u16) void {
  for (@range(u16, N)) |i| {
    const e = element(i, inner, offset);
    buf[2 * e] = @as(tensor_type, pre[i]);
    buf[2 * e + 1] = @as(tensor_type, pim[i]);
  }
}
// Radix-2 decimation in time over the bit-reversed pencil.
fn butterflies() void {
  var len: u16 = 2;
  while (len <= N) : (len *= 2) {
    const half = len / 2;
    const step = N / len;
    var start: u16 = 0;
    while (start < N) : (start += len) {
      var j: u16 = 0;
      while (j < half) : (j += 1) {
        const k = j * step;
        const wr = @as(f32, twiddle_array[2 * k]);
        const wi = twiddle_sign * @as(f32, twiddle_array[2 * k + 1]);
        const a = start + j;
        const b = a + half;
        const vr = pre[b] * wr - pim[b] * wi;
        const vi = pre[b] * wi + pim[b] * wr;
        pre[b] = pre[a] - vr;
        pim[b] = pim[a] - vi;
        pre[a] = pre[a] + vr;
        pim[a] = pim[a] + vi;
      }
    }
  }
}
// The T x T pencils at offsets a sa + b sb.
fn transform_pencils(buf: [*]tensor_type, inner: u16, sa: u16, sb: u16) void {
  for (@range(u16, T)) |a| {
    for (@range(u16, T)) |b| {
      const offset = a * sa + b * sb;
      load(buf, inner, offset);
      butterflies();
      store(buf, inner, offset);
    }
  }
}
// All-to-all along the row (or column): block q of src on PE k lands in block k of dst on
// PE q.
fn transpose_row(src: [*]tensor_type, dst: [*]tensor_type) void {
  row.alltoall(@ptrcast([*]u32, src), @ptrcast([*]u32, dst), CHUNK * WORDS);
}
fn transpose_col(src: [*]tensor_type, dst: [*]tensor_type) void {
  col.alltoall(@ptrcast([*]u32, src), @ptrcast([*]u32, dst), CHUNK * WORDS);
}
fn scale_all(s: f32) void {
  for (@range(u16, 2 * ELEMS)) |i| {
    X[i] = @as(tensor_type, @as(f32, X[i]) * s);
  }
}

var t_start = @zeros([3]u16);
var t_end = @zeros([3]u16);
fn elapsed() void {
  const a0 = @as(u32, t_start[0]) | (@as(u32, t_start[1]) << 16);
  const a1 = @as(u32, t_end[0]) | (@as(u32, t_end[1]) << 16);
  const borrow: u32 = if (a1 < a0) 1 else 0;
  fft_time[0] = a1 - a0;
  fft_time[1] = (@as(u32, t_end[2]) - @as(u32, t_start[2]) - borrow) & 0xffff;
}

fn transform(norm: i16, inverse: bool, real_input: bool) void {
  time.enable_tsc();
  time.get_timestamp(&t_start);
  if (real_input) {
    for (@range(u16, ELEMS)) |e| { X[2 * e + 1] = 0.0; }
  }
  twiddle_sign = if (inverse) 1.0 else -1.0;
  // z: T * T pencils of stride T * T on this PE.
  transform_pencils(X_ptr, T * T, T, 1);
  // x: after the row transpose, block k of R holds x in [k T, k T + T).
  const R_ptr: [*]tensor_type = &R;
  transpose_row(X_ptr, R_ptr);
  transform_pencils(R_ptr, 1, T * T, T);
  transpose_row(R_ptr, X_ptr);
  // y: the same along the column.
  transpose_col(X_ptr, R_ptr);
  transform_pencils(R_ptr, T, T * T, 1);
  transpose_col(R_ptr, X_ptr);
  const volume = @as(f32, N) * @as(f32, N) * @as(f32, N);
  if (norm == 1) {
    scale_all(1.0 / math.sqrt_f32(volume));
  } else if ((norm == 0 and inverse) or (norm == 2 and !inverse)) {
    scale_all(1.0 / volume);
  }
  time.get_timestamp(&t_end);
  elapsed();
}

fn csfftExecC2C(norm: i16, inverse: i16) void {
  transform(norm, inverse != 0, false);
  sys_mod.unblock_cmd_stream();
}
fn csfftExecR2C(norm: i16) void {
  transform(norm, false, true);
  sys_mod.unblock_cmd_stream();
}
fn csfftExecC2R(norm: i16) void {
  transform(norm, true, true);
  sys_mod.unblock_cmd_stream();
}

comptime {
  @export_symbol(X_ptr, "X");
  @export_symbol(twiddle_ptr, "twiddle_array");
  @export_symbol(time_ptr, "fft_time");
  @export_symbol(csfftExecC2C);
  @export_symbol(csfftExecR2C);
  @export_symbol(csfftExecC2R);
}
)csl";

} // namespace csl::lib

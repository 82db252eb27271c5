// <kernels/tally>: a two-phase tally. Phase 1 ends when every PE of the rectangle has
// signalled completion (signal_completion); PEs count events with bump_tally, and once
// phase 1 is over and the events meet or exceed `phase2_tally` (0: no phase 2) the PE at the
// north-east corner activates the optional `callback` task, with the whole tally in its
// `local_tally`. (The SDK also sends the total north on `output_color`; we do not, so that
// no wavelet leaves the program rectangle.)
//
// Counts travel as deltas by store-and-forward: each PE forwards every delta it makes or
// receives east along its row; the east column forwards them north to PE (width-1, 0),
// which adds them up. A wavelet is one delta: bit 31 set means "n PEs completed" (n in the
// low bits), clear means "n events". Rows alternate colors[0]/colors[1] by column parity,
// so a PE never receives and sends on one color; the east column alternates colors[2] with
// the one row color that column does not receive on. The route graph has no cycle, so the
// synchronous sends cannot deadlock.
#include "backend/csl/lib/tally.h"

namespace csl::lib {

// get_params(x, y) sets PE (x, y)'s color configs and returns what <kernels/tally/pe>
// needs. `output_color` is accepted and not used (see above).
const char* const kTallyLayoutSource = R"csl(// <kernels/tally/layout>
param kernel_width;
param kernel_height;
param phase2_tally: u32;
param colors: [3]color;
param output_color: color;
const W: i16 = @as(i16, kernel_width);
const H: i16 = @as(i16, kernel_height);
fn row_color(comptime i: i16) color { return if (i % 2 == 0) colors[0] else colors[1]; }
fn col_color(comptime j: i16) color { return if (j % 2 == 0) colors[2] else row_color(W - 1); }
fn get_params(comptime x: i16, comptime y: i16) comptime_struct {
  @comptime_assert(x >= 0 and x < W and y >= 0 and y < H,
                   "<kernels/tally/layout>.get_params: the PE is outside the tally kernel");
  if (x > 0) {
    @set_color_config(x, y, row_color(x - 1), .{ .routes = .{ .rx = .{WEST}, .tx = .{RAMP} } });
  }
  if (x < W - 1) {
    @set_color_config(x, y, row_color(x), .{ .routes = .{ .rx = .{RAMP}, .tx = .{EAST} } });
  }
  if (x == W - 1 and y < H - 1) {
    @set_color_config(x, y, col_color(y + 1), .{ .routes = .{ .rx = .{SOUTH}, .tx = .{RAMP} } });
  }
  if (x == W - 1 and y > 0) {
    @set_color_config(x, y, col_color(y), .{ .routes = .{ .rx = .{RAMP}, .tx = .{NORTH} } });
  }
  return .{ .tally_x = x, .tally_y = y, .tally_width = W, .tally_height = H,
            .tally_total = phase2_tally,
            .tally_row_in = row_color(if (x > 0) x - 1 else 0), .tally_row_out = row_color(x),
            .tally_col_in = col_color(if (y < H - 1) y + 1 else 0),
            .tally_col_out = col_color(y) };
}
)csl";

// The PE side: input_queues {row, column} receive on WSE-3, output_queues {row, column}
// send.
const char* const kTallyPeSource = R"csl(// <kernels/tally/pe>
// SDK 2.x passes get_params' result as `tally_params`; SDK 1.4 passes its fields as params.
param tally_params: comptime_struct = .{};
param tally_x: i16 = tally_params.tally_x;
param tally_y: i16 = tally_params.tally_y;
param tally_width: i16 = tally_params.tally_width;
param tally_height: i16 = tally_params.tally_height;
param tally_total: u32 = tally_params.tally_total;
param tally_row_in: color = tally_params.tally_row_in;
param tally_row_out: color = tally_params.tally_row_out;
param tally_col_in: color = tally_params.tally_col_in;
param tally_col_out: color = tally_params.tally_col_out;
param input_queues: [2]u16;
param output_queues: [2]u16;
// The local task the corner PE activates when the tally is complete (optional).
param callback = {};
const x: i16 = tally_x;
const y: i16 = tally_y;
const w: i16 = tally_width;
const h: i16 = tally_height;
const COMPLETED: u32 = 0x80000000;
const row_oq = @get_output_queue(output_queues[0]);
const col_oq = @get_output_queue(output_queues[1]);
const row_iq = @get_input_queue(input_queues[0]);
const col_iq = @get_input_queue(input_queues[1]);
const row_out = @get_dsd(fabout_dsd, if (@is_arch("wse3")) .{ .extent = 1, .output_queue = row_oq }
                                     else .{ .extent = 1, .output_queue = row_oq,
                                             .fabric_color = tally_row_out });
const col_out = @get_dsd(fabout_dsd, if (@is_arch("wse3")) .{ .extent = 1, .output_queue = col_oq }
                                     else .{ .extent = 1, .output_queue = col_oq,
                                             .fabric_color = tally_col_out });
// Events counted on this PE (the whole tally at the corner PE once it is complete).
var local_tally: u32 = 0;
var total: u32 = 0;
var completed: u32 = 0;
var signalled: bool = false;
var finished: bool = false;
var send_buf = @zeros([1]u32);
const send_mem = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{1} -> send_buf[i] });
fn arrive(v: u32) void {
  if (v >= COMPLETED) {
    completed += v - COMPLETED;
  } else {
    total += v;
  }
  if (!finished and completed == @as(u32, w) * @as(u32, h) and total >= tally_total) {
    finished = true;
    local_tally = total;
    if (!@is_same_type(@type_of(callback), void)) {
      @activate(callback);
    }
  }
}
fn stage(v: u32) void {
  if (x < w - 1) {
    send_buf[0] = v;
    @mov32(row_out, send_mem);
  } else if (y > 0) {
    send_buf[0] = v;
    @mov32(col_out, send_mem);
  } else {
    arrive(v);
  }
}
// Counts `n` events on this PE.
fn bump_tally(n: u32) void {
  local_tally += n;
  stage(n);
}
// Reports that this PE has no more events to count.
// Reports that this PE is done; only its first call counts.
fn signal_completion() void {
  if (!signalled) {
    signalled = true;
    stage(COMPLETED | 1);
  }
}
task from_row(v: u32) void { stage(v); }
task from_column(v: u32) void { stage(v); }
comptime {
  if (@is_arch("wse3")) {
    if (x < w - 1) { @initialize_queue(row_oq, .{ .color = tally_row_out }); }
    if (x == w - 1 and y > 0) { @initialize_queue(col_oq, .{ .color = tally_col_out }); }
  }
  if (x > 0) {
    if (@is_arch("wse3")) {
      @initialize_queue(row_iq, .{ .color = tally_row_in });
      @bind_data_task(from_row, @get_data_task_id(row_iq));
    } else {
      @bind_data_task(from_row, @get_data_task_id(tally_row_in));
    }
  }
  if (x == w - 1 and y < h - 1) {
    if (@is_arch("wse3")) {
      @initialize_queue(col_iq, .{ .color = tally_col_in });
      @bind_data_task(from_column, @get_data_task_id(col_iq));
    } else {
      @bind_data_task(from_column, @get_data_task_id(tally_col_in));
    }
  }
}
)csl";

} // namespace csl::lib

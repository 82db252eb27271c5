// <collectives_2d>: broadcast, scatter, gather and reduce along one row or column of PEs.
//
// Every dimension has two colors. PE i sends on color (i % 2) and receives on the other
// one, so each color links only nearest neighbours: the sender's route is RAMP -> the
// direction(s) of the current operation (set at run time through <tessera/router>), the
// receiver's route is both neighbours -> RAMP. Data moves by store-and-forward along the
// line, towards or away from the root; the operations are synchronous DSD operations and
// activate the caller's callback task when they are done.
#include "backend/csl/lib/collectives_2d.h"

namespace csl::lib {

// get_params(x, y, .{ .x_colors, .x_entrypoints, .y_colors, .y_entrypoints }) sets the
// color configs of PE (x, y) and returns its per-dimension parameters .x and .y.
const char* const kCollectives2dParamsSource = R"(// <collectives_2d/params>
fn dir_bit(comptime d: direction) u16 {
  if (d == RAMP) return 1;
  if (d == NORTH) return 2;
  if (d == SOUTH) return 4;
  if (d == EAST) return 8;
  return 16;
}
fn dim_params(comptime id: u16, comptime n: u16, comptime colors: anytype,
              comptime entrypoints: anytype, comptime is_x: bool) comptime_struct {
  const up: direction = if (is_x) EAST else SOUTH;
  const down: direction = if (is_x) WEST else NORTH;
  return .{
    .pe_id = id, .num_pes = n, .is_x = is_x,
    .send_color = colors[id % 2], .recv_color = colors[(id + 1) % 2],
    .up_bit = dir_bit(up), .down_bit = dir_bit(down),
    .up_dir = up, .down_dir = down, .entrypoints = entrypoints,
  };
}
fn configure(comptime x: u16, comptime y: u16, comptime p: comptime_struct) void {
  if (p.num_pes < 2) return;
  const has_up = p.pe_id + 1 < p.num_pes;
  const has_down = p.pe_id > 0;
  if (has_up and has_down) {
    @set_color_config(x, y, p.send_color, .{ .routes = .{ .rx = .{ RAMP }, .tx = .{ p.up_dir, p.down_dir } } });
    @set_color_config(x, y, p.recv_color, .{ .routes = .{ .rx = .{ p.up_dir, p.down_dir }, .tx = .{ RAMP } } });
  } else if (has_up) {
    @set_color_config(x, y, p.send_color, .{ .routes = .{ .rx = .{ RAMP }, .tx = .{ p.up_dir } } });
    @set_color_config(x, y, p.recv_color, .{ .routes = .{ .rx = .{ p.up_dir }, .tx = .{ RAMP } } });
  } else {
    @set_color_config(x, y, p.send_color, .{ .routes = .{ .rx = .{ RAMP }, .tx = .{ p.down_dir } } });
    @set_color_config(x, y, p.recv_color, .{ .routes = .{ .rx = .{ p.down_dir }, .tx = .{ RAMP } } });
  }
}
fn get_params(comptime x: u16, comptime y: u16, comptime ids: comptime_struct) comptime_struct {
  const rect = @get_rectangle();
  const px = dim_params(x, rect.width, ids.x_colors, ids.x_entrypoints, true);
  const py = dim_params(y, rect.height, ids.y_colors, ids.y_entrypoints, false);
  configure(x, y, px);
  configure(x, y, py);
  return .{ .x = px, .y = py };
}
)";

// The PE side. `queues` are {input queue of the receive color, output queue of the send
// color}; the DSR id parameters are accepted for compatibility (the compiler allocates DSRs).
const char* const kCollectives2dPeSource = R"(// <collectives_2d/pe>
param dim_params;
param queues: [2]u16 = if (dim_params.is_x) [2]u16{ 2, 4 } else [2]u16{ 3, 5 };
param dest_dsr_ids: [1]u16 = [1]u16{ 1 };
param src0_dsr_ids: [1]u16 = [1]u16{ 1 };
param src1_dsr_ids: [1]u16 = [1]u16{ 1 };

const router = @import_module("<tessera/router>");
const FIELD_TX: u16 = 1;

const pe_id: u16 = dim_params.pe_id;
const num_pes: u16 = dim_params.num_pes;
const has_up: bool = pe_id + 1 < num_pes;
const has_down: bool = pe_id > 0;
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

fn init() void {}

fn mem(buf: [*]u32, count: u16) mem1d_dsd {
  return @set_dsd_length(@set_dsd_base_addr(anchor_dsd, buf), count);
}
// count elements of buf from element `offset` on.
fn mem_at(buf: [*]u32, offset: u16, count: u16) mem1d_dsd {
  return @increment_dsd_offset(mem(buf, count), offset, u32);
}
fn send(buf: [*]u32, offset: u16, count: u16, dirs: u16) void {
  router.set(@get_int(send_color), FIELD_TX, dirs);
  @mov32(@set_dsd_length(out_dsd, count), mem_at(buf, offset, count));
}
fn recv(buf: [*]u32, offset: u16, count: u16) void {
  @mov32(mem_at(buf, offset, count), @set_dsd_length(in_dsd, count));
}
fn forward(count: u16, dirs: u16) void {
  router.set(@get_int(send_color), FIELD_TX, dirs);
  @mov32(@set_dsd_length(out_dsd, count), @set_dsd_length(in_dsd, count));
}
fn recv_add(buf: [*]f32, count: u16) void {
  const d = mem(@ptrcast([*]u32, buf), count);
  @fadds(d, d, @set_dsd_length(in_dsd, count));
}
fn copy(dst: [*]u32, dst_offset: u16, src: [*]u32, src_offset: u16, count: u16) void {
  @mov32(mem_at(dst, dst_offset, count), mem_at(src, src_offset, count));
}

// Root's buf goes to every PE's buf.
fn broadcast_data(root: u16, buf: [*]u32, count: u16) void {
  if (count == 0 or num_pes < 2) return;
  if (pe_id == root) {
    var dirs: u16 = 0;
    if (has_up) dirs |= up_bit;
    if (has_down) dirs |= down_bit;
    send(buf, 0, count, dirs);
  } else if (pe_id > root) {
    recv(buf, 0, count);
    if (has_up) send(buf, 0, count, up_bit);
  } else {
    recv(buf, 0, count);
    if (has_down) send(buf, 0, count, down_bit);
  }
}
inline fn broadcast(root: u16, buf: [*]u32, count: u16, comptime callback: local_task_id) void {
  broadcast_data(root, buf, count);
  @activate(callback);
}

// Chunk k (count elements) of root's send_buf goes to PE k's recv_buf.
fn scatter_data(root: u16, send_buf: [*]u32, recv_buf: [*]u32, count: u16) void {
  if (count == 0) return;
  if (pe_id == root) {
    copy(recv_buf, 0, send_buf, root * count, count);
    if (has_up) send(send_buf, (root + 1) * count, (num_pes - 1 - root) * count, up_bit);
    var k: u16 = root;
    while (k > 0) : (k -= 1) {
      send(send_buf, (k - 1) * count, count, down_bit);
    }
  } else if (pe_id > root) {
    recv(recv_buf, 0, count);
    if (has_up) forward((num_pes - 1 - pe_id) * count, up_bit);
  } else {
    recv(recv_buf, 0, count);
    if (has_down) forward(pe_id * count, down_bit);
  }
}
inline fn scatter(root: u16, send_buf: [*]u32, recv_buf: [*]u32, count: u16,
                  comptime callback: local_task_id) void {
  scatter_data(root, send_buf, recv_buf, count);
  @activate(callback);
}

// PE k's send_buf (count elements) goes to chunk k of root's recv_buf. PEs below the root
// pass on the chunks of lower PEs first, PEs above it their own chunk first, so the root
// receives every side in ascending order. The root must be at one end of the line.
fn gather_data(root: u16, send_buf: [*]u32, recv_buf: [*]u32, count: u16) void {
  if (count == 0) return;
  // Both sides would arrive interleaved on the root's one receive queue.
  @assert(pe_id != root or !has_up or !has_down);
  if (pe_id == root) {
    copy(recv_buf, root * count, send_buf, 0, count);
    if (has_down) recv(recv_buf, 0, root * count);
    if (has_up) recv(recv_buf, (root + 1) * count, (num_pes - 1 - root) * count);
  } else if (pe_id > root) {
    send(send_buf, 0, count, down_bit);
    if (has_up) forward((num_pes - 1 - pe_id) * count, down_bit);
  } else {
    if (has_down) forward(pe_id * count, up_bit);
    send(send_buf, 0, count, up_bit);
  }
}
inline fn gather(root: u16, send_buf: [*]u32, recv_buf: [*]u32, count: u16,
                 comptime callback: local_task_id) void {
  gather_data(root, send_buf, recv_buf, count);
  @activate(callback);
}

// The element-wise f32 sum of every PE's send_buf lands in root's recv_buf; other PEs use
// their recv_buf for their partial sums. The root must be at one end of the line.
fn reduce_data(root: u16, send_buf: [*]f32, recv_buf: [*]f32, count: u16) void {
  if (count == 0) return;
  const acc = @ptrcast([*]u32, recv_buf);
  copy(acc, 0, @ptrcast([*]u32, send_buf), 0, count);
  @assert(pe_id != root or !has_up or !has_down); // as in gather_data
  if (pe_id == root) {
    if (has_down) recv_add(recv_buf, count);
    if (has_up) recv_add(recv_buf, count);
  } else if (pe_id > root) {
    if (has_up) recv_add(recv_buf, count);
    send(acc, 0, count, down_bit);
  } else {
    if (has_down) recv_add(recv_buf, count);
    send(acc, 0, count, up_bit);
  }
}
inline fn reduce_fadds(root: u16, send_buf: [*]f32, recv_buf: [*]f32, count: u16,
                       comptime callback: local_task_id) void {
  reduce_data(root, send_buf, recv_buf, count);
  @activate(callback);
}

comptime {
  if (num_pes > 1) {
    @initialize_queue(iq, .{ .color = recv_color });
    if (@is_arch("wse3")) @initialize_queue(oq, .{ .color = send_color });
  }
}
)";

} // namespace csl::lib

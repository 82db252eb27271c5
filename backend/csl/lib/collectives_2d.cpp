// <collectives_2d>: broadcast, scatter, gather and reduce along one row or column of PEs.
//
// Every dimension has two colors. PE i sends on color (i % 2) and receives on the other
// one, so each color links only nearest neighbours: the sender's route is RAMP -> the
// direction(s) of the current operation, the receiver's route is one neighbour -> RAMP
// (both set at run time through <tessera/router>). Data moves by store-and-forward along the
// line, towards or away from the root; the operations are synchronous DSD operations and
// activate the caller's callback task when they are done.
//
// A root in the middle of the line has both neighbours sending on its one receive color.
// The receive route takes one neighbour at a time (a wavelet from the other one waits on
// its link): such a root takes first the side its route already listens to, then turns to
// the other side, and when both are in it sends one token wavelet to both sides, which
// every PE passes on away from the root before its operation ends. The token keeps a
// neighbour from sending data of a later operation while a PE still listens to it but
// will next take the other side. Scatter from a middle root multicasts one stream to both
// sides (each side's first PE drops the other side's chunks), so the root does not turn
// its send route between its two sides; other PEs turn theirs only after a wavelet proved
// their earlier ones left (see forward()). docs/csl.md has the reasoning.
#include "backend/csl/lib/collectives_2d.h"

namespace csl::lib {

// get_params(x, y, .{ .x_colors, .x_entrypoints, .y_colors, .y_entrypoints }) sets the
// color configs of PE (x, y) and returns its per-dimension parameters .x and .y (only those
// of the dimensions whose fields are given).
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
// The Libraries page: "ids is a struct that is expected to have either the x-related
// fields, the y-related fields, or all four"; the result has the dimensions given.
fn get_params(comptime x: u16, comptime y: u16, comptime ids: comptime_struct) comptime_struct {
  const rect = @get_rectangle();
  const has_x = @has_field(ids, "x_colors") or @has_field(ids, "x_entrypoints");
  const has_y = @has_field(ids, "y_colors") or @has_field(ids, "y_entrypoints");
  if (has_x and !has_y) {
    const px = dim_params(x, rect.width, ids.x_colors, ids.x_entrypoints, true);
    configure(x, y, px);
    return .{ .x = px };
  }
  const py = dim_params(y, rect.height, ids.y_colors, ids.y_entrypoints, false);
  if (has_y and !has_x) {
    configure(x, y, py);
    return .{ .y = py };
  }
  const px = dim_params(x, rect.width, ids.x_colors, ids.x_entrypoints, true);
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
const FIELD_RX: u16 = 0;
const FIELD_TX: u16 = 1;

const pe_id: u16 = dim_params.pe_id;
const num_pes: u16 = dim_params.num_pes;
const has_up: bool = pe_id + 1 < num_pes;
const has_down: bool = pe_id > 0;
const up_bit: u16 = dim_params.up_bit;
const down_bit: u16 = dim_params.down_bit;
const both_bits: u16 = (if (has_up) up_bit else 0) | (if (has_down) down_bit else 0);
const send_color: color = dim_params.send_color;
const recv_color: color = dim_params.recv_color;
const iq = @get_input_queue(queues[0]);
const oq = @get_output_queue(queues[1]);

// The routes as this PE last set them: the receive color listens to one neighbour (see the
// comptime block), the send color starts as <collectives_2d/params> set it.
var rx_bits: u16 = if (has_down) down_bit else up_bit;
var tx_bits: u16 = both_bits;

var anchor: [1]u32;
var token = @zeros([1]u32);
const token_ptr: [*]u32 = &token;
const anchor_dsd = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{1} -> anchor[i] });
// Every wavelet written to the same word: a receive that drops what it takes.
const sink_dsd = @get_dsd(mem1d_dsd, .{ .base_address = &anchor, .extent = 1, .stride = 0 });
const in_dsd = @get_dsd(fabin_dsd, .{ .extent = 1, .fabric_color = recv_color, .input_queue = iq });
const out_dsd = @get_dsd(fabout_dsd, if (@is_arch("wse3")) .{ .extent = 1, .output_queue = oq }
                                     else .{ .extent = 1, .output_queue = oq, .fabric_color = send_color });

fn init() void {}

fn listen(from: u16) void {
  if (rx_bits != from) {
    rx_bits = from;
    router.set(@get_int(recv_color), FIELD_RX, from);
  }
}
fn point(dirs: u16) void {
  if (tx_bits != dirs) {
    tx_bits = dirs;
    router.set(@get_int(send_color), FIELD_TX, dirs);
  }
}
fn mem(buf: [*]u32, count: u16) mem1d_dsd {
  return @set_dsd_length(@set_dsd_base_addr(anchor_dsd, buf), count);
}
// count elements of buf from element `offset` on.
fn mem_at(buf: [*]u32, offset: u16, count: u16) mem1d_dsd {
  return @increment_dsd_offset(mem(buf, count), offset, u32);
}
fn send(buf: [*]u32, offset: u16, count: u16, dirs: u16) void {
  point(dirs);
  @mov32(@set_dsd_length(out_dsd, count), mem_at(buf, offset, count));
}
fn recv(buf: [*]u32, offset: u16, count: u16, from: u16) void {
  listen(from);
  @mov32(mem_at(buf, offset, count), @set_dsd_length(in_dsd, count));
}
// Passes count wavelets from `from` on to `dirs`. A PE that turns its send route does so
// only after the first of them arrived: a neighbour sends in a new operation only after it
// took in everything this PE sent it before, so none of this PE's earlier wavelets is still
// in its router (where a turned route would misroute it). Every PE that forwards to a new
// direction receives from a neighbour its earlier sends went to.
fn forward(count: u16, from: u16, dirs: u16) void {
  if (count == 0) return;
  listen(from);
  var rest: u16 = count;
  if (tx_bits != dirs) {
    @mov32(anchor_dsd, in_dsd);
    point(dirs);
    @mov32(out_dsd, anchor_dsd);
    rest -= 1;
  }
  if (rest > 0) @mov32(@set_dsd_length(out_dsd, rest), @set_dsd_length(in_dsd, rest));
}
fn discard(count: u16, from: u16) void {
  if (count == 0) return;
  listen(from);
  @mov32(@set_dsd_length(sink_dsd, count), @set_dsd_length(in_dsd, count));
}
fn recv_add(buf: [*]f32, count: u16, from: u16) void {
  listen(from);
  const d = mem(@ptrcast([*]u32, buf), count);
  @fadds(d, d, @set_dsd_length(in_dsd, count));
}
fn copy(dst: [*]u32, dst_offset: u16, src: [*]u32, src_offset: u16, count: u16) void {
  @mov32(mem_at(dst, dst_offset, count), mem_at(src, src_offset, count));
}
fn is_middle(root: u16) bool {
  return root > 0 and root + 1 < num_pes;
}
// A side PE of a middle-root gather or reduce: the root's token comes from `from` and goes
// on to `to` (the neighbour further away), if there is one.
fn pass_token(from: u16, to: u16, has_next: bool) void {
  recv(token_ptr, 0, 1, from);
  if (has_next) send(token_ptr, 0, 1, to);
}

// Root's buf goes to every PE's buf.
fn broadcast_data(root: u16, buf: [*]u32, count: u16) void {
  if (count == 0 or num_pes < 2) return;
  if (pe_id == root) {
    send(buf, 0, count, both_bits);
  } else if (pe_id > root) {
    recv(buf, 0, count, down_bit);
    if (has_up) send(buf, 0, count, up_bit);
  } else {
    recv(buf, 0, count, up_bit);
    if (has_down) send(buf, 0, count, down_bit);
  }
}
inline fn broadcast(root: u16, buf: [*]u32, count: u16, comptime callback: local_task_id) void {
  broadcast_data(root, buf, count);
  @activate(callback);
}

// Chunk k (count elements) of root's send_buf goes to PE k's recv_buf. The root sends one
// stream to both sides: the chunks above it in ascending order, then those below it in
// descending order; every PE keeps the first chunk that reaches it and passes on the rest
// of its side's part, the root's neighbours drop the other side's part.
fn scatter_data(root: u16, send_buf: [*]u32, recv_buf: [*]u32, count: u16) void {
  if (count == 0) return;
  const below: u16 = root * count;
  const above: u16 = (num_pes - 1 - root) * count;
  if (pe_id == root) {
    copy(recv_buf, 0, send_buf, root * count, count);
    if (has_up) send(send_buf, (root + 1) * count, above, both_bits);
    var k: u16 = root;
    while (k > 0) : (k -= 1) {
      send(send_buf, (k - 1) * count, count, both_bits);
    }
  } else if (pe_id > root) {
    recv(recv_buf, 0, count, down_bit);
    if (has_up) forward((num_pes - 1 - pe_id) * count, down_bit, up_bit);
    if (pe_id == root + 1) discard(below, down_bit);
  } else {
    if (pe_id + 1 == root) discard(above, up_bit);
    recv(recv_buf, 0, count, up_bit);
    if (has_down) forward(pe_id * count, up_bit, down_bit);
  }
}
inline fn scatter(root: u16, send_buf: [*]u32, recv_buf: [*]u32, count: u16,
                  comptime callback: local_task_id) void {
  scatter_data(root, send_buf, recv_buf, count);
  @activate(callback);
}

// The chunks of the PEs above the root arrive from the farthest down to the nearest.
fn recv_from_above(root: u16, recv_buf: [*]u32, count: u16) void {
  var k: u16 = num_pes - 1;
  while (k > root) : (k -= 1) {
    recv(recv_buf, k * count, count, up_bit);
  }
}
// PE k's send_buf (count elements) goes to chunk k of root's recv_buf. Every PE passes on
// the chunks of the PEs farther from the root first and then sends its own, so a PE
// receives before it sends (see forward()); the PEs below the root reach it in ascending
// order, those above it in descending order.
fn gather_data(root: u16, send_buf: [*]u32, recv_buf: [*]u32, count: u16) void {
  if (count == 0) return;
  const middle = is_middle(root);
  const below: u16 = root * count;
  if (pe_id == root) {
    copy(recv_buf, root * count, send_buf, 0, count);
    if (middle and rx_bits == up_bit) {
      recv_from_above(root, recv_buf, count);
      recv(recv_buf, 0, below, down_bit);
    } else {
      if (has_down) recv(recv_buf, 0, below, down_bit);
      if (has_up) recv_from_above(root, recv_buf, count);
    }
    if (middle) send(token_ptr, 0, 1, both_bits);
  } else if (pe_id > root) {
    if (has_up) forward((num_pes - 1 - pe_id) * count, up_bit, down_bit);
    send(send_buf, 0, count, down_bit);
    if (middle) pass_token(down_bit, up_bit, has_up);
  } else {
    if (has_down) forward(pe_id * count, down_bit, up_bit);
    send(send_buf, 0, count, up_bit);
    if (middle) pass_token(up_bit, down_bit, has_down);
  }
}
inline fn gather(root: u16, send_buf: [*]u32, recv_buf: [*]u32, count: u16,
                 comptime callback: local_task_id) void {
  gather_data(root, send_buf, recv_buf, count);
  @activate(callback);
}

// The element-wise f32 sum of every PE's send_buf lands in root's recv_buf; other PEs use
// their recv_buf for their partial sums. A middle root adds its two sides in the order it
// takes them (see gather_data), so the rounding of the sum may depend on that order.
fn reduce_data(root: u16, send_buf: [*]f32, recv_buf: [*]f32, count: u16) void {
  if (count == 0) return;
  const acc = @ptrcast([*]u32, recv_buf);
  copy(acc, 0, @ptrcast([*]u32, send_buf), 0, count);
  const middle = is_middle(root);
  if (pe_id == root) {
    if (middle and rx_bits == up_bit) {
      recv_add(recv_buf, count, up_bit);
      recv_add(recv_buf, count, down_bit);
    } else {
      if (has_down) recv_add(recv_buf, count, down_bit);
      if (has_up) recv_add(recv_buf, count, up_bit);
    }
    if (middle) send(token_ptr, 0, 1, both_bits);
  } else if (pe_id > root) {
    if (has_up) recv_add(recv_buf, count, up_bit);
    send(acc, 0, count, down_bit);
    if (middle) pass_token(down_bit, up_bit, has_up);
  } else {
    if (has_down) recv_add(recv_buf, count, down_bit);
    send(acc, 0, count, up_bit);
    if (middle) pass_token(up_bit, down_bit, has_down);
  }
}
inline fn reduce_fadds(root: u16, send_buf: [*]f32, recv_buf: [*]f32, count: u16,
                       comptime callback: local_task_id) void {
  reduce_data(root, send_buf, recv_buf, count);
  @activate(callback);
}

comptime {
  if (num_pes > 1) {
    // <collectives_2d/params> opens the receive color to both neighbours (other users of
    // its routes rely on that); this module listens to one at a time.
    const first_dir: direction = if (has_down) dim_params.down_dir else dim_params.up_dir;
    @set_local_color_config(recv_color, .{ .routes = .{ .rx = .{ first_dir }, .tx = .{ RAMP } } });
    @initialize_queue(iq, .{ .color = recv_color });
    if (@is_arch("wse3")) @initialize_queue(oq, .{ .color = send_color });
  }
}
)";

} // namespace csl::lib

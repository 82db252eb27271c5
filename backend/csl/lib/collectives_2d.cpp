// <collectives_2d>: broadcast, scatter, gather and reduce along one row or column of PEs.
//
// Every dimension has two colors. PE i sends on color (i % 2) and receives on the other
// one, so each color links only nearest neighbours: the sender's route is RAMP -> the
// direction(s) of the current operation, the receiver's route is one neighbour -> RAMP
// (both set at run time through <tessera/router>). Data moves by store-and-forward along the
// line, towards or away from the root. An operation is a list of steps that the library's
// entrypoint task runs as asynchronous DSD operations; its last step activates the caller's
// callback task.
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
// The library's two tasks: step_task runs the operation's steps, done_task ends it.
const step_id: local_task_id = dim_params.entrypoints[0];
const done_id: local_task_id = dim_params.entrypoints[1];

// The routes as this PE last set them: the receive color listens to one neighbour (see the
// comptime block), the send color starts as <collectives_2d/params> set it.
var rx_bits: u16 = if (has_down) down_bit else up_bit;
var tx_bits: u16 = both_bits;

var anchor: [1]u32;
var token = @zeros([1]u32);
const anchor_dsd = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{1} -> anchor[i] });
// Every wavelet written to the same word: a receive that drops what it takes.
const sink_dsd = @get_dsd(mem1d_dsd, .{ .base_address = &anchor, .extent = 1, .stride = 0 });
const in_dsd = @get_dsd(fabin_dsd, .{ .extent = 1, .fabric_color = recv_color, .input_queue = iq });
const out_dsd = @get_dsd(fabout_dsd, if (@is_arch("wse3")) .{ .extent = 1, .output_queue = oq }
                                     else .{ .extent = 1, .output_queue = oq, .fabric_color = send_color });

// An operation is a list of steps, built when it starts and run by step_task one
// asynchronous DSD operation at a time, so that a PE's row and column operations are in
// flight together (each dimension has its own queues and tasks) and its main thread is free.
const STEP_RECV: u16 = 0;     // count elements from neighbour `dir` into buffer[offset..]
const STEP_SEND: u16 = 1;     // count elements of buffer[offset..] to directions `dir`
const STEP_PASS: u16 = 2;     // count wavelets from neighbour `dir` straight on to pass_dirs
const STEP_DISCARD: u16 = 3;  // count wavelets from neighbour `dir`, dropped
const STEP_RECV_ADD: u16 = 4; // buffer[0..count] += count f32 from neighbour `dir`
const STEP_COPY: u16 = 5;     // send buffer[offset..] to receive buffer[dir..], count words
const BUF_SEND: u16 = 0;
const BUF_RECV: u16 = 1;
const BUF_TOKEN: u16 = 2;
const BUF_ANCHOR: u16 = 3;
// A step runs `reps` times, each time on the chunk `count` elements before the last (a
// root's chunks, one per PE, go or come one by one), so that a list has at most six steps
// whatever the line's length: a PE off the root passes on (three steps), sends and relays
// the token.
const max_steps: u16 = 8;
var step_kind: [max_steps]u16;
var step_buf: [max_steps]u16;
var step_offset: [max_steps]u16;
var step_count: [max_steps]u16;
var step_dir: [max_steps]u16;
var step_pass_dirs: [max_steps]u16;
var step_reps: [max_steps]u16;
var num_steps: u16 = 0;
var next_step: u16 = 0;
var busy: bool = false;
var op_send_buf: [*]u32 = &anchor;
var op_recv_buf: [*]u32 = &anchor;
var op_callback: local_task_id = done_id;

// Operations started while one runs wait here, in order; each builds its steps when it
// starts, from where the previous one left the routes.
const OP_BROADCAST: u16 = 0;
const OP_SCATTER: u16 = 1;
const OP_GATHER: u16 = 2;
const OP_REDUCE: u16 = 3;
const max_pending: u16 = 4;
var pending_kind: [max_pending]u16;
var pending_root: [max_pending]u16;
var pending_send: [max_pending][*]u32;
var pending_recv: [max_pending][*]u32;
var pending_count: [max_pending]u16;
var pending_callback: [max_pending]local_task_id;
var pending_first: u16 = 0;
var num_pending: u16 = 0;

fn init() void {}

fn push_reps(kind: u16, buf: u16, offset: u16, count: u16, dir: u16, pass_dirs: u16,
             reps: u16) void {
  step_kind[num_steps] = kind;
  step_buf[num_steps] = buf;
  step_offset[num_steps] = offset;
  step_count[num_steps] = count;
  step_dir[num_steps] = dir;
  step_pass_dirs[num_steps] = pass_dirs;
  step_reps[num_steps] = reps;
  num_steps += 1;
}
fn push(kind: u16, buf: u16, offset: u16, count: u16, dir: u16, pass_dirs: u16) void {
  push_reps(kind, buf, offset, count, dir, pass_dirs, 1);
}
fn recv(buf: u16, offset: u16, count: u16, from: u16) void {
  push(STEP_RECV, buf, offset, count, from, 0);
}
fn send(buf: u16, offset: u16, count: u16, dirs: u16) void {
  push(STEP_SEND, buf, offset, count, dirs, 0);
}
// Passes count wavelets from `from` on to `dirs`. The first one goes through the anchor
// word, and the send route turns only after it arrived: a neighbour sends in a new
// operation only after it took in everything this PE sent it before, so none of this PE's
// earlier wavelets is still in its router (where a turned route would misroute it). Every
// PE that forwards to a new direction receives from a neighbour its earlier sends went to.
fn forward(count: u16, from: u16, dirs: u16) void {
  if (count == 0) return;
  recv(BUF_ANCHOR, 0, 1, from);
  send(BUF_ANCHOR, 0, 1, dirs);
  if (count > 1) push(STEP_PASS, BUF_ANCHOR, 0, count - 1, from, dirs);
}
fn discard(count: u16, from: u16) void {
  if (count > 0) push(STEP_DISCARD, BUF_ANCHOR, 0, count, from, 0);
}
fn recv_add(count: u16, from: u16) void {
  push(STEP_RECV_ADD, BUF_RECV, 0, count, from, 0);
}
fn copy(src_offset: u16, dst_offset: u16, count: u16) void {
  push(STEP_COPY, BUF_SEND, src_offset, count, dst_offset, 0);
}
fn is_middle(root: u16) bool {
  return root > 0 and root + 1 < num_pes;
}
// A side PE of a middle-root gather or reduce: the root's token comes from `from` and goes
// on to `to` (the neighbour further away), if there is one.
fn pass_token(from: u16, to: u16, has_next: bool) void {
  recv(BUF_TOKEN, 0, 1, from);
  if (has_next) send(BUF_TOKEN, 0, 1, to);
}

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
fn buffer(which: u16) [*]u32 {
  if (which == BUF_SEND) return op_send_buf;
  if (which == BUF_RECV) return op_recv_buf;
  if (which == BUF_TOKEN) return &token;
  return &anchor;
}
// count elements of a buffer from element `offset` on.
fn mem_at(buf: [*]u32, offset: u16, count: u16) mem1d_dsd {
  return @increment_dsd_offset(@set_dsd_length(@set_dsd_base_addr(anchor_dsd, buf), count),
                               offset, u32);
}

// Runs the steps up to the next asynchronous one, whose completion runs this task again.
task step_task() void {
  while (next_step < num_steps) {
    const s = next_step;
    const kind = step_kind[s];
    const count = step_count[s];
    const data = mem_at(buffer(step_buf[s]), step_offset[s], count);
    if (step_reps[s] > 1) {
      step_reps[s] -= 1;
      step_offset[s] -= count;
    } else {
      next_step += 1;
    }
    const in_n = @set_dsd_length(in_dsd, count);
    const out_n = @set_dsd_length(out_dsd, count);
    if (kind == STEP_COPY) {
      @mov32(mem_at(op_recv_buf, step_dir[s], count), data);
      continue;
    }
    if (kind == STEP_SEND) {
      point(step_dir[s]);
      @mov32(out_n, data, .{ .async = true, .activate = step_id });
      return;
    }
    listen(step_dir[s]);
    if (kind == STEP_RECV) {
      @mov32(data, in_n, .{ .async = true, .activate = step_id });
    } else if (kind == STEP_PASS) {
      point(step_pass_dirs[s]);
      @mov32(out_n, in_n, .{ .async = true, .activate = step_id });
    } else if (kind == STEP_DISCARD) {
      @mov32(@set_dsd_length(sink_dsd, count), in_n, .{ .async = true, .activate = step_id });
    } else {
      const sum = @ptrcast([*]f32, op_recv_buf);
      const acc = @set_dsd_length(@set_dsd_base_addr(anchor_dsd, sum), count);
      @fadds(acc, acc, in_n, .{ .async = true, .activate = step_id });
    }
    return;
  }
  @activate(done_id);
}
task done_task() void {
  busy = false;
  @activate(op_callback);
  if (num_pending > 0) start_next();
}

// Queues an operation, and starts it if none runs. More than max_pending waiting is a
// program that never lets its operations end.
fn enqueue(kind: u16, root: u16, send_buf: [*]u32, recv_buf: [*]u32, count: u16,
           callback: local_task_id) void {
  @assert(num_pending < max_pending);
  const at = (pending_first + num_pending) % max_pending;
  pending_kind[at] = kind;
  pending_root[at] = root;
  pending_send[at] = send_buf;
  pending_recv[at] = recv_buf;
  pending_count[at] = count;
  pending_callback[at] = callback;
  num_pending += 1;
  if (!busy) start_next();
}
fn start_next() void {
  const at = pending_first;
  pending_first = (pending_first + 1) % max_pending;
  num_pending -= 1;
  busy = true;
  num_steps = 0;
  next_step = 0;
  op_send_buf = pending_send[at];
  op_recv_buf = pending_recv[at];
  op_callback = pending_callback[at];
  const root = pending_root[at];
  const count = pending_count[at];
  const kind = pending_kind[at];
  if (kind == OP_BROADCAST) {
    broadcast_steps(root, count);
  } else if (kind == OP_SCATTER) {
    scatter_steps(root, count);
  } else if (kind == OP_GATHER) {
    gather_steps(root, count);
  } else {
    reduce_steps(root, count);
  }
  @activate(step_id);
}

// Root's buf goes to every PE's buf.
fn broadcast(root: u16, buf: [*]u32, count: u16, callback: local_task_id) void {
  enqueue(OP_BROADCAST, root, buf, buf, count, callback);
}
fn broadcast_steps(root: u16, count: u16) void {
  if (count > 0 and num_pes > 1) {
    if (pe_id == root) {
      send(BUF_RECV, 0, count, both_bits);
    } else if (pe_id > root) {
      recv(BUF_RECV, 0, count, down_bit);
      if (has_up) send(BUF_RECV, 0, count, up_bit);
    } else {
      recv(BUF_RECV, 0, count, up_bit);
      if (has_down) send(BUF_RECV, 0, count, down_bit);
    }
  }
}

// Chunk k (count elements) of root's send_buf goes to PE k's recv_buf. The root sends one
// stream to both sides: the chunks above it in ascending order, then those below it in
// descending order; every PE keeps the first chunk that reaches it and passes on the rest
// of its side's part, the root's neighbours drop the other side's part.
fn scatter(root: u16, send_buf: [*]u32, recv_buf: [*]u32, count: u16,
           callback: local_task_id) void {
  enqueue(OP_SCATTER, root, send_buf, recv_buf, count, callback);
}
fn scatter_steps(root: u16, count: u16) void {
  if (count > 0) {
    const below: u16 = root * count;
    const above: u16 = (num_pes - 1 - root) * count;
    if (pe_id == root) {
      copy(root * count, 0, count);
      if (has_up) send(BUF_SEND, (root + 1) * count, above, both_bits);
      if (root > 0) push_reps(STEP_SEND, BUF_SEND, (root - 1) * count, count, both_bits, 0, root);
    } else if (pe_id > root) {
      recv(BUF_RECV, 0, count, down_bit);
      if (has_up) forward((num_pes - 1 - pe_id) * count, down_bit, up_bit);
      if (pe_id == root + 1) discard(below, down_bit);
    } else {
      if (pe_id + 1 == root) discard(above, up_bit);
      recv(BUF_RECV, 0, count, up_bit);
      if (has_down) forward(pe_id * count, up_bit, down_bit);
    }
  }
}

// The chunks of the PEs above the root arrive from the farthest down to the nearest.
fn recv_from_above(root: u16, count: u16) void {
  push_reps(STEP_RECV, BUF_RECV, (num_pes - 1) * count, count, up_bit, 0, num_pes - 1 - root);
}
// PE k's send_buf (count elements) goes to chunk k of root's recv_buf. Every PE passes on
// the chunks of the PEs farther from the root first and then sends its own, so a PE
// receives before it sends (see forward()); the PEs below the root reach it in ascending
// order, those above it in descending order.
fn gather(root: u16, send_buf: [*]u32, recv_buf: [*]u32, count: u16,
          callback: local_task_id) void {
  enqueue(OP_GATHER, root, send_buf, recv_buf, count, callback);
}
fn gather_steps(root: u16, count: u16) void {
  if (count > 0) {
    const middle = is_middle(root);
    const below: u16 = root * count;
    if (pe_id == root) {
      copy(0, root * count, count);
      if (middle and rx_bits == up_bit) {
        recv_from_above(root, count);
        recv(BUF_RECV, 0, below, down_bit);
      } else {
        if (has_down) recv(BUF_RECV, 0, below, down_bit);
        if (has_up) recv_from_above(root, count);
      }
      if (middle) send(BUF_TOKEN, 0, 1, both_bits);
    } else if (pe_id > root) {
      if (has_up) forward((num_pes - 1 - pe_id) * count, up_bit, down_bit);
      send(BUF_SEND, 0, count, down_bit);
      if (middle) pass_token(down_bit, up_bit, has_up);
    } else {
      if (has_down) forward(pe_id * count, down_bit, up_bit);
      send(BUF_SEND, 0, count, up_bit);
      if (middle) pass_token(up_bit, down_bit, has_down);
    }
  }
}

// The element-wise f32 sum of every PE's send_buf lands in root's recv_buf; other PEs use
// their recv_buf for their partial sums. A middle root adds its two sides in the order it
// takes them (see gather), so the rounding of the sum may depend on that order.
fn reduce_fadds(root: u16, send_buf: [*]f32, recv_buf: [*]f32, count: u16,
                callback: local_task_id) void {
  enqueue(OP_REDUCE, root, @ptrcast([*]u32, send_buf), @ptrcast([*]u32, recv_buf), count,
          callback);
}
fn reduce_steps(root: u16, count: u16) void {
  if (count > 0) {
    copy(0, 0, count);
    const middle = is_middle(root);
    if (pe_id == root) {
      if (middle and rx_bits == up_bit) {
        recv_add(count, up_bit);
        recv_add(count, down_bit);
      } else {
        if (has_down) recv_add(count, down_bit);
        if (has_up) recv_add(count, up_bit);
      }
      if (middle) send(BUF_TOKEN, 0, 1, both_bits);
    } else if (pe_id > root) {
      if (has_up) recv_add(count, up_bit);
      send(BUF_RECV, 0, count, down_bit);
      if (middle) pass_token(down_bit, up_bit, has_up);
    } else {
      if (has_down) recv_add(count, down_bit);
      send(BUF_RECV, 0, count, up_bit);
      if (middle) pass_token(up_bit, down_bit, has_down);
    }
  }
}

comptime {
  @bind_local_task(step_task, step_id);
  @bind_local_task(done_task, done_id);
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

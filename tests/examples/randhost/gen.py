#!/usr/bin/env python3
"""randhost generator: random programs that exercise the host API (SdkRuntime memcpy,
launch, call, streaming, nonblocking tasks) against a numpy model in run.py.

Each case (cases/<id>/) is a random W x H rectangle whose PEs export arrays of u16, i16,
u32, i32, f32 and f16 with per-PE lengths (tile params), one exported transform function
per array taking random scalar arguments, and, in about half the cases, a streaming H2D
color (a data task folds each wavelet into a ring buffer) and an `emit` function that
sends the ring buffer's first n words back on a streaming D2H color from a sub-rectangle.
case.json holds the geometry, the arrays, the transforms (as steps the checker replays)
and the random host operations, valid and invalid; run.py is the one shared checker.

  python3 gen.py [--out cases] [--seeds 1,2,3] [--extra-seeds N]
Fixed seeds: the committed cases are exactly `python3 gen.py` output."""
import argparse
import json
import os
import random

DTYPES = ["u16", "i16", "u32", "i32", "f32", "f16"]
BITS = {"u16": 16, "i16": 16, "u32": 32, "i32": 32, "f32": 32, "f16": 16}
# Argument types a transform of an array of type T may take (converted to T in the body).
ARG_TYPES = {
    "u16": ["u16", "bool"],
    "i16": ["i16", "f16", "bool"],  # f16 -> i16 truncates toward zero
    "u32": ["u32", "u16", "bool"],
    "i32": ["i32", "i16", "f32", "bool"],
    "f32": ["f32", "f16", "i32", "u16", "i16", "bool"],  # int -> float rounds to nearest even
    "f16": ["f16", "i16", "u16", "bool"],
}
COMMITTED_SEEDS = [2, 5, 12, 14, 15, 39, 43, 49]


DSD_OPS = {  # DSD operations with a scalar operand of the array's own type
    "f32": {"mul": "@fmuls", "add": "@fadds", "sub": "@fsubs"},
    "f16": {"mul": "@fmulh", "add": "@faddh", "sub": "@fsubh"},
    "u16": {"add": "@add16", "sub": "@sub16", "xor": "@xor16", "or": "@or16", "and": "@and16"},
    "i16": {"add": "@add16", "sub": "@sub16", "xor": "@xor16", "or": "@or16", "and": "@and16"},
}


def gen_transform(rng, t):
    """Random per-element steps over v (the element, of type t) with 1-4 arguments."""
    if t in DSD_OPS and rng.random() < 0.3:  # whole-array DSD operations instead of a loop
        nargs = rng.randint(1, 4)
        return {"args": [t] * nargs, "dsd": True,
                "steps": [[rng.choice(sorted(DSD_OPS[t])), j] for j in range(nargs)]}
    # Mostly a few arguments; sometimes many, up to the documented limit of 15.
    nargs = rng.randint(1, 4) if rng.random() < 0.8 else rng.randint(5, 15)
    args = [rng.choice(ARG_TYPES[t]) for _ in range(nargs)]
    steps = []
    is_float = t in ("f32", "f16")
    for j, at in enumerate(args):
        if at == "bool":
            steps.append(["neg_if", j])
        elif is_float:
            steps.append([rng.choice(["mul", "add", "sub", "min", "max"]), j])
        else:
            steps.append([rng.choice(["mul", "add", "sub", "xor", "or", "and", "min", "max"]), j])
    if is_float:  # rounding through the other float width, and a sign flip through the bits
        for _ in range(rng.randint(0, 2)):
            steps.append([rng.choice(["other_width", "signflip"]), 0])
    rng.shuffle(steps)
    if not is_float:  # constant shifts (arithmetic for signed types) and truncating division
        for _ in range(rng.randint(0, 2)):
            op = rng.choice(["shl", "shr", "div"])
            steps.insert(rng.randint(0, len(steps)), [op, rng.randint(1, 5) if op != "div" else rng.randint(2, 9)])
    # Position-dependent terms so a value on the wrong PE or index shows.
    for _ in range(rng.randint(1, 2)):
        steps.insert(rng.randint(0, len(steps)), [rng.choice(["add_i", "add_x", "add_y"]), rng.randint(1, 7)])
    return {"args": args, "steps": steps}


def csl_type_conv(t, at, name):
    """Expression converting argument `name` of type at to t."""
    if at == t:
        return name
    return f"@as({t}, {name})"


def csl_index_conv(t, name, k):
    """`name` (a u16 index or coordinate) times k, as a value of type t."""
    if t == "i16":
        return f"@bitcast(i16, {name}) * {k}"
    if t in ("f32", "f16"):
        return f"@as({t}, {name}) * {k}.0"
    return f"@as({t}, {name}) * {k}"


def csl_transform(name, arr, t, length_param, tr):
    params = ", ".join(f"p{j}: {at}" for j, at in enumerate(tr["args"]))
    if tr.get("dsd"):
        ops = "\n".join(f"  {DSD_OPS[t][op]}(all, all, p{j});" for op, j in tr["steps"])
        return f"""fn {name}({params}) void {{
  const all = @get_dsd(mem1d_dsd, .{{ .tensor_access = |i|{{{length_param}}} -> {arr}[i] }});
{ops}
  sys_mod.unblock_cmd_stream();
}}
"""
    body = []
    for op, a in tr["steps"]:
        if op == "neg_if":
            zero = "0.0" if t in ("f32", "f16") else "0"
            body.append(f"      if (p{a}) {{ v = {zero} - v; }}")
        elif op in ("min", "max"):
            cmp = "<" if op == "min" else ">"
            body.append(f"      {{ const q: {t} = {csl_type_conv(t, tr['args'][a], f'p{a}')}; if (q {cmp} v) {{ v = q; }} }}")
        elif op == "other_width":
            body.append("      v = @as(f32, @as(f16, v));" if t == "f32" else "      v = @as(f16, @as(f32, v) * 1.5);")
        elif op == "signflip":
            ut, bit = ("u32", "0x80000000") if t == "f32" else ("u16", "0x8000")
            body.append(f"      v = @bitcast({t}, @bitcast({ut}, v) ^ {bit});")
        elif op in ("shl", "shr", "div"):
            body.append(f"      v = v {dict(shl='<<', shr='>>', div='/')[op]} {a};")
        elif op in ("add_i", "add_x", "add_y"):
            src = {"add_i": "i", "add_x": "x", "add_y": "y"}[op]
            body.append(f"      v = v + {csl_index_conv(t, src, a)};")
        else:
            sym = {"mul": "*", "add": "+", "sub": "-", "xor": "^", "or": "|", "and": "&"}[op]
            body.append(f"      v = v {sym} {csl_type_conv(t, tr['args'][a], f'p{a}')};")
    body_text = "\n".join(body)
    if tr.get("chunk"):
        return csl_deferred_transform(name, arr, t, length_param, tr, body_text)
    return f"""fn {name}({params}) void {{
  const x: u16 = layout_mod.get_x_coord();
  const y: u16 = layout_mod.get_y_coord();
  for (@range(u16, {length_param})) |i| {{
    var v: {t} = {arr}[i];
{body_text}
    {arr}[i] = v;
  }}
  sys_mod.unblock_cmd_stream();
}}
"""


def csl_deferred_transform(name, arr, t, length_param, tr, body_text):
    """The same transform done by the shared `worker` local task, `chunk` elements per
    activation; the command stream is unblocked only after the last chunk, so the host's
    next command must wait for all of them."""
    k = name[1:]
    params = ", ".join(f"p{j}: {at}" for j, at in enumerate(tr["args"]))
    saved = "\n".join(f"var g{k}_p{j}: {at} = {'false' if at == 'bool' else '0'};" for j, at in enumerate(tr["args"]))
    save = "\n".join(f"  g{k}_p{j} = p{j};" for j in range(len(tr["args"])))
    load = "\n".join(f"  const p{j} = g{k}_p{j};" for j in range(len(tr["args"])))
    return f"""{saved}

fn {name}({params}) void {{
{save}
  job = {k};
  job_pos = 0;
  @activate(worker_id);
}}

fn {name}_chunk() void {{
{load}
  const x: u16 = layout_mod.get_x_coord();
  const y: u16 = layout_mod.get_y_coord();
  const end: u16 = if (job_pos + {tr['chunk']} < {length_param}) job_pos + {tr['chunk']} else {length_param};
  var i: u16 = job_pos;
  while (i < end) {{
    var v: {t} = {arr}[i];
{body_text}
    {arr}[i] = v;
    i += 1;
  }}
  job_pos = end;
  if (end == {length_param}) {{
    sys_mod.unblock_cmd_stream();
  }} else {{
    @activate(worker_id);
  }}
}}
"""


def gen_case(seed):
    rng = random.Random(seed)
    big = rng.random() < 0.2  # a wider block, longer arrays and streams, more commands
    W, H = (rng.randint(6, 14), rng.randint(4, 10)) if big else (rng.randint(1, 8), rng.randint(1, 6))
    if not big and rng.random() < 0.15:  # tall: rows spread over several I/O channels
        W, H = rng.randint(1, 4), rng.randint(12, 24)
    narr = rng.randint(2, 4)
    arrays = []
    for k in range(narr):
        t = rng.choice(DTYPES)
        lo = rng.randint(1, 300 if big else 12)
        hi = lo + rng.randint(0, 200 if big else 20)
        lens = [[rng.randint(lo, hi) for _ in range(W)] for _ in range(H)]  # [y][x]
        tr = gen_transform(rng, t)
        if not tr.get("dsd") and rng.random() < 0.4:  # done in chunks by a local task, unblocking at the end
            tr["chunk"] = rng.randint(1, 9)
        arrays.append({"name": f"a{k}", "type": t, "lens": lens, "transform": tr})
    stream = None
    if rng.random() < 0.6:
        cin, cout = rng.sample(range(0, 21), 2)
        stream = {"in_color": cin, "out_color": cout, "slen": rng.randint(1, 24)}
    case = {"seed": seed, "big": big, "width": W, "height": H, "arrays": arrays, "stream": stream,
            "channels": rng.choice([1, 1, 2, 3, 4, 8, 16])}
    if stream and rng.random() < 0.5:
        stream["in2_color"] = rng.choice([c for c in range(0, 21) if c not in (stream["in_color"], stream["out_color"])])
    west, east = rng.choice([0, 0, 1, 2]), rng.choice([0, 0, 1, 3])
    far = rng.random() < 0.2  # the program far from the fabric's corner
    ox, oy = 4 + west + rng.randint(0, 12 if far else 2), 1 + rng.randint(0, 9 if far else 2)
    case["geometry"] = {"west_buf": west, "east_buf": east, "offsets": [ox, oy],
                        "dims": [ox + W + 3 + east + rng.randint(0, 9 if far else 2),
                                 oy + H + 1 + rng.randint(0, 7 if far else 1)]}
    case["drain_at_stop"] = rng.random() < 0.5
    if rng.random() < 0.5:
        case["threads"] = rng.choice([1, 2, 3, 7, 16, 64])
    case["ops"] = gen_ops(rng, case)
    # Invalid calls go between the valid ones (after the first fill), some while tasks are in flight.
    for inv in gen_invalid(rng, case):
        case["ops"].insert(rng.randint(len(case["arrays"]), len(case["ops"]) - 1), {"op": "invalid", "call": inv})
    return case


def rand_roi(rng, W, H):
    w, h = rng.randint(1, W), rng.randint(1, H)
    return rng.randint(0, W - w), rng.randint(0, H - h), w, h


def min_len(arr, px, py, w, h):
    return min(arr["lens"][y][x] for y in range(py, py + h) for x in range(px, px + w))


def gen_ops(rng, case):
    W, H = case["width"], case["height"]
    ops = []
    # Start from known contents: every array fully written once (blocking or not).
    for a in case["arrays"]:
        ops.append({"op": "h2d", "arr": a["name"], "roi": [0, 0, W, H], "n": min_len(a, 0, 0, W, H),
                    "order": rng.choice(["ROW", "COL"]), "nonblock": rng.random() < 0.5,
                    "seed": rng.randrange(1 << 30)})
    kinds = ["h2d", "h2d", "d2h", "d2h", "launch", "launch", "call", "rowbcast", "colbcast", "stride", "wait", "peek"]
    if case["stream"]:
        kinds += ["stream_h2d", "stream_h2d", "emit", "emit", "d2h_state"]
        if "in2_color" in case["stream"]:
            kinds += ["stream2_h2d", "stream2_h2d"]
    for _ in range(rng.randint(30, 60) if case["big"] else rng.randint(14, 28)):
        kind = rng.choice(kinds)
        a = rng.choice(case["arrays"])
        nb = rng.random() < 0.5
        order = rng.choice(["ROW", "COL"])
        s = rng.randrange(1 << 30)
        if kind in ("h2d", "d2h", "rowbcast", "colbcast", "stride"):
            px, py, w, h = rand_roi(rng, W, H)
            n = rng.randint(1, min_len(a, px, py, w, h))
            op = {"op": kind, "arr": a["name"], "roi": [px, py, w, h], "n": n, "order": order,
                  "nonblock": nb, "seed": s, "shaped": rng.random() < 0.3,
                  "raw": a["type"] in ("f32", "f16") and rng.random() < 0.4}
            if kind == "stride":
                op["row_stride"] = rng.randint(1, H + 1)
                op["col_stride"] = rng.randint(1, W + 1)
                op["keywords"] = rng.random() < 0.5
            ops.append(op)
        elif kind in ("launch", "call"):
            ops.append({"op": kind, "arr": a["name"], "nonblock": nb, "seed": s,
                        "numpy_scalars": rng.random() < 0.5})
        elif kind == "wait":
            mode = rng.choice(["poll", "each", "last"])
            ops.append({"op": "wait", "poll": mode == "poll", "last_only": mode == "last"})
        elif kind == "peek":  # read_symbol of one PE's array, as bytes or as its own type
            ops.append({"op": "peek", "arr": a["name"], "x": rng.randrange(W), "y": rng.randrange(H),
                        "bytes": rng.random() < 0.4})
        elif kind in ("stream_h2d", "stream2_h2d"):
            px, py, w, h = rand_roi(rng, W, H)
            ops.append({"op": kind, "roi": [px, py, w, h], "n": rng.randint(1, 400 if case["big"] else 40),
                        "order": order, "nonblock": nb, "seed": s})
        elif kind == "emit":
            px, py, w, h = rand_roi(rng, W, H)
            ops.append({"op": "emit", "roi": [px, py, w, h], "n": rng.randint(1, case["stream"]["slen"]),
                        "order": order, "nonblock": nb, "d2h_first": rng.random() < 0.4})
        elif kind == "d2h_state":
            # A one-word emit from every PE first: the stream D2H ends only when every PE
            # has taken all its wavelets, so the copy-mode reads after it see them all.
            ops.append({"op": "d2h_state", "nonblock": nb, "order": order})
    ops.append({"op": "wait", "poll": False})
    return ops


def gen_invalid(rng, case):
    """Host calls that must raise a Python exception naming the argument at fault. Not here: a
    count past a PE's array and a 16-bit copy of a 32-bit symbol (the docs define no check:
    `[*]T` has no length, and the real runtime writes memory as told)."""
    W, H = case["width"], case["height"]
    a = rng.choice(case["arrays"])
    px, py, w, h = rand_roi(rng, W, H)
    inv = [
        {"kind": "px_outside", "arr": a["name"], "roi": [W, 0, 1, 1], "n": 1, "words": ["px"]},
        {"kind": "h_outside", "arr": a["name"], "roi": [0, H - 1, 1, 2], "n": 1, "words": ["h"]},
        {"kind": "unknown_symbol", "name": "no_such_" + a["name"], "words": ["no_such_" + a["name"]]},
        {"kind": "bad_order", "arr": a["name"], "value": rng.choice([2, 7, -1]), "words": ["order"]},
        {"kind": "launch_hidden", "words": ["hidden"]},
        {"kind": "launch_extra_arg", "arr": a["name"], "words": ["t" + a["name"][1:]]},
        {"kind": "launch_missing_arg", "arr": a["name"], "words": ["t" + a["name"][1:]]},
        {"kind": "d2h_short_dest", "arr": a["name"], "roi": [px, py, w, h], "n": min_len(a, px, py, w, h),
         "words": ["dest"]},
        {"kind": "h2d_immutable", "roi": [px, py, w, h], "words": ["tag"]},
        {"kind": "call_short", "arr": a["name"], "words": ["t" + a["name"][1:]]},
        {"kind": "launch_variable", "arr": a["name"], "words": [a["name"]]},
        {"kind": "h2d_to_function", "arr": a["name"], "words": ["t" + a["name"][1:]]},
    ]
    ranged = [j for j, at in enumerate(a["transform"]["args"]) if at != "f32"]
    if ranged:
        j = rng.choice(ranged)
        inv.append({"kind": "arg_out_of_range", "arr": a["name"], "arg": j,
                    "words": ["t" + a["name"][1:], f"argument {j}"]})
    if case["stream"]:
        used = {case["stream"]["in_color"], case["stream"]["out_color"], case["stream"].get("in2_color")}
        c = rng.choice([c for c in range(0, 21) if c not in used])
        inv.append({"kind": "stream_unknown_color", "color": c, "words": [f"color {c}"]})
    rng.shuffle(inv)
    return inv


def pe_program(case):
    lines = [f"// randhost case {case['seed']}: generated by gen.py; exported arrays, one transform",
             "// per array, and (with a stream) a ring buffer fed by a data task and an emit function.",
             "param memcpy_params;"]
    for a in case["arrays"]:
        lines.append(f"param len_{a['name']}: u16;")
    lines.append("param tag_x: u16;\nparam tag_y: u16;")
    lines += ["", 'const sys_mod = @import_module("<memcpy/memcpy>", memcpy_params);',
              'const layout_mod = @import_module("<layout>");', ""]
    for a in case["arrays"]:
        n, t = a["name"], a["type"]
        lines.append(f"var {n} = @zeros([len_{n}]{t});")
        lines.append(f"var {n}_ptr: [*]{t} = &{n};")
    lines.append("// Exported immutable: the host may read it, never write it.")
    lines.append("var tag = [3]u16 { tag_x, tag_y, 0x5a5a };")
    lines.append("var tag_ptr: [*]u16 = &tag;")
    lines.append("")
    for a in case["arrays"]:
        lines.append(csl_transform("t" + a["name"][1:], a["name"], a["type"], f"len_{a['name']}", a["transform"]))
    deferred = [a for a in case["arrays"] if a["transform"].get("chunk")]
    if deferred:
        lines.append("// The local task doing the deferred transforms (one launch at a time: `job` says which).")
        lines.append("const worker_id: local_task_id = @get_local_task_id(25);")
        lines.append("var job: u16 = 0;\nvar job_pos: u16 = 0;")
        lines.append("task worker() void {")
        for a in deferred:
            lines.append(f"  if (job == {a['name'][1:]}) {{ t{a['name'][1:]}_chunk(); }}")
        lines.append("}\n")
    lines.append("// Not exported: the host must not be able to launch it.")
    lines.append("fn hidden() void {\n  sys_mod.unblock_cmd_stream();\n}\n")
    st = case["stream"]
    if st:
        two = "in2_color" in st
        stream2 = """
// The second H2D color: a wrapping sum and a count (order-free, so the two streams may mix).
const in2_color: color = @get_color(@bitcast(u16, sys_mod.MEMCPYH2D_2));
const in2_iq = @get_input_queue(4);
const rx2_id: data_task_id =
  if (@is_arch("wse3")) @get_data_task_id(in2_iq) else @get_data_task_id(in2_color);
var sum2 = @zeros([2]u32);
var sum2_ptr: [*]u32 = &sum2;

task rx2(w: u32) void {
  sum2[0] += w;
  sum2[1] += 1;
  try_send();
}
""" if two else ""
        lines.append(f"""const slen: u16 = {st['slen']};
const in_color: color = @get_color(@bitcast(u16, sys_mod.MEMCPYH2D_1));
const out_color: color = @get_color(@bitcast(u16, sys_mod.MEMCPYD2H_1));
const in_iq = @get_input_queue(2);
const out_oq = @get_output_queue(3);
const rx_id: data_task_id =
  if (@is_arch("wse3")) @get_data_task_id(in_iq) else @get_data_task_id(in_color);

var ring = @zeros([slen]u32);
var ring_ptr: [*]u32 = &ring;
var ring_state = @zeros([2]u32);  // next slot, wavelets received
var ring_state_ptr: [*]u32 = &ring_state;
// Streaming mode leaves counting to the kernel: the host copies in how many wavelets each PE
// must have taken before `emit` may send, and a send asked for early waits for the data task.
var expect = @zeros([2]u32);  // wavelets on the first color, on the second
var expect_ptr: [*]u32 = &expect;
var pending: bool = false;
var pending_n: u16 = 0;

const ring_dsd = @get_dsd(mem1d_dsd, .{{ .tensor_access = |k|{{slen}} -> ring[k] }});
const out_dsd = @get_dsd(fabout_dsd, if (@is_arch("wse3")) .{{ .extent = slen, .output_queue = out_oq }}
                                     else .{{ .extent = slen, .output_queue = out_oq, .fabric_color = out_color }});

fn send(n: u16) void {{
  const src = @set_dsd_length(ring_dsd, n);
  const dst = @set_dsd_length(out_dsd, n);
  if (@is_arch("wse3")) {{
    @mov32(dst, src, .{{ .async = true, .ut_id = @get_ut_id(4) }});
  }} else {{
    @mov32(dst, src, .{{ .async = true }});
  }}
}}

task rx(w: u32) void {{
  const k: u32 = ring_state[0];
  ring[k] = ring[k] * 3 + w;
  ring_state[0] = if (k + 1 == @as(u32, slen)) 0 else k + 1;
  ring_state[1] += 1;
  try_send();
}}

fn all_arrived() bool {{
  return ring_state[1] == expect[0]{" and sum2[1] == expect[1]" if two else ""};
}}

fn try_send() void {{
  if (pending and all_arrived()) {{
    pending = false;
    send(pending_n);
  }}
}}
{stream2}
fn emit(x0: u16, y0: u16, w: u16, h: u16, n: u16) void {{
  const x: u16 = layout_mod.get_x_coord();
  const y: u16 = layout_mod.get_y_coord();
  if (x >= x0 and x < x0 + w and y >= y0 and y < y0 + h) {{
    pending = true;
    pending_n = n;
    try_send();
  }}
  // The host reads the stream with a later command.
  sys_mod.unblock_cmd_stream();
}}
""")
    lines.append("comptime {")
    if deferred:
        lines.append("  @bind_local_task(worker, worker_id);")
    lines.append('  @export_symbol(tag_ptr, "tag");')
    for a in case["arrays"]:
        lines.append(f'  @export_symbol({a["name"]}_ptr, "{a["name"]}");')
        lines.append(f'  @export_symbol(t{a["name"][1:]});')
    if st:
        lines += ['  @export_symbol(ring_ptr, "ring");', '  @export_symbol(expect_ptr, "expect");', '  @export_symbol(ring_state_ptr, "ring_state");',
                  "  @export_symbol(emit);", "  @bind_data_task(rx, rx_id);",
                  "  @initialize_queue(in_iq, .{ .color = in_color });",
                  '  @initialize_queue(out_oq, if (@is_arch("wse3")) .{ .color = out_color } else .{});']
        if "in2_color" in st:
            lines += ['  @export_symbol(sum2_ptr, "sum2");', "  @bind_data_task(rx2, rx2_id);",
                      "  @initialize_queue(in2_iq, .{ .color = in2_color });"]
    lines.append("}")
    return "\n".join(lines) + "\n"


def layout(case):
    W, H, st = case["width"], case["height"], case["stream"]
    out = [f"// randhost case {case['seed']}: a {W}x{H} rectangle; per-PE array lengths are tile params."]
    if st:
        two = "in2_color" in st
        out += ["param MEMCPYH2D_DATA_1_ID: i16;", "param MEMCPYD2H_DATA_1_ID: i16;"]
        out += ["param MEMCPYH2D_DATA_2_ID: i16;"] if two else []
        out += [f"const memcpy = @import_module(\"<memcpy/get_params>\", .{{ .width = {W}, .height = {H},",
                "  .MEMCPYH2D_1 = MEMCPYH2D_DATA_1_ID, .MEMCPYD2H_1 = MEMCPYD2H_DATA_1_ID"
                + (", .MEMCPYH2D_2 = MEMCPYH2D_DATA_2_ID" if two else "") + " });"]
    else:
        out.append(f"const memcpy = @import_module(\"<memcpy/get_params>\", .{{ .width = {W}, .height = {H} }});")
    out += ["", "layout {", f"  @set_rectangle({W}, {H});"]
    for y in range(H):
        for x in range(W):
            lens = ", ".join([f".len_{a['name']} = {a['lens'][y][x]}" for a in case["arrays"]]
                             + [f".tag_x = {x}", f".tag_y = {y}"])
            out.append(f'  @set_tile_code({x}, {y}, "pe_program.csl", .{{ .memcpy_params = memcpy.get_params({x}), {lens} }});')
    out.append('  @export_name("tag", [*]u16, false);')
    for a in case["arrays"]:
        out.append(f'  @export_name("{a["name"]}", [*]{a["type"]}, true);')
        args = ", ".join(a["transform"]["args"])
        out.append(f'  @export_name("t{a["name"][1:]}", fn({args}) void);')
    if st:
        out += ['  @export_name("ring", [*]u32, true);', '  @export_name("expect", [*]u32, true);', '  @export_name("ring_state", [*]u32, true);',
                '  @export_name("emit", fn(u16, u16, u16, u16, u16) void);']
        if "in2_color" in st:
            out.append('  @export_name("sum2", [*]u32, true);')
    out.append("}")
    return "\n".join(out) + "\n"


def compile_sh(case, arch):
    st, g = case["stream"], case["geometry"]
    params = ""
    if st:
        params = f" --params=MEMCPYH2D_DATA_1_ID:{st['in_color']},MEMCPYD2H_DATA_1_ID:{st['out_color']}"
        if "in2_color" in st:
            params += f",MEMCPYH2D_DATA_2_ID:{st['in2_color']}"
    bufs = ""
    if g["west_buf"] or g["east_buf"]:
        bufs = f" --width-west-buf={g['west_buf']} --width-east-buf={g['east_buf']}"
    return ("#!/usr/bin/env bash\nset -e\n\n"
            f"cslc --arch={arch} ./layout.csl --fabric-dims={g['dims'][0]},{g['dims'][1]} "
            f"--fabric-offsets={g['offsets'][0]},{g['offsets'][1]}{params} \\\n"
            f"  -o out --memcpy --channels={case['channels']}{bufs}\n")


def write_case(case, root):
    d = os.path.join(root, f"s{case['seed']:04d}")
    os.makedirs(d, exist_ok=True)
    files = {"layout.csl": layout(case), "pe_program.csl": pe_program(case),
             "case.json": json.dumps(case, indent=1) + "\n",
             "compile_wse2.sh": compile_sh(case, "wse2"), "compile_wse3.sh": compile_sh(case, "wse3")}
    for name, text in files.items():
        with open(os.path.join(d, name), "w", encoding="utf-8") as f:
            f.write(text)
    return d


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "cases"))
    ap.add_argument("--seeds", default=",".join(map(str, COMMITTED_SEEDS)))
    args = ap.parse_args()
    for s in args.seeds.split(","):
        print(write_case(gen_case(int(s)), args.out))


if __name__ == "__main__":
    main()

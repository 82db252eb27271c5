#!/usr/bin/env cs_python
"""randhost checker: replays case.json (from the current directory) through SdkRuntime and
keeps a numpy model of every PE's arrays, ring buffer and ring state.

Every read-back (copy-mode D2H of a sub-rectangle, streaming D2H of the ring buffer after
`emit`) is compared bit for bit with the model. Copy-mode H2D, row/column broadcasts and
strided copies, launches with Python or numpy scalars, the packed `call` form, streaming
H2D into the data task, blocking and nonblocking commands (waited with task_wait or polled
with is_task_done) are all modelled. Then the invalid host calls of case.json must each
raise a Python exception naming the argument at fault within a minute, and leave the
device unchanged (checked by reading every PE back). Prints SUCCESS! only when all pass."""
import argparse
import json
import time

import numpy as np

from cerebras.sdk.debug.debug_util import debug_util
from cerebras.sdk.runtime.sdkruntimepybind import MemcpyDataType, MemcpyOrder, SdkRuntime

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system (omit for the simulator)")
args = parser.parse_args()

with open("case.json", encoding="utf-8") as f:
    case = json.load(f)
W, H = case["width"], case["height"]
NP = {"u16": np.uint16, "i16": np.int16, "u32": np.uint32, "i32": np.int32, "f32": np.float32,
      "f16": np.float16}
BITS = {"u16": 16, "i16": 16, "u32": 32, "i32": 32, "f32": 32, "f16": 16}
HOST = {"u32": np.uint32, "i32": np.int32, "f32": np.float32}  # 16-bit data travels as u32
ORDER = {"ROW": MemcpyOrder.ROW_MAJOR, "COL": MemcpyOrder.COL_MAJOR}
B16, B32 = MemcpyDataType.MEMCPY_16BIT, MemcpyDataType.MEMCPY_32BIT
arrays = {a["name"]: a for a in case["arrays"]}
failures = []


def check(ok, what):
    if not ok:
        failures.append(what)
        print("FAILED:", what)


# ---- the model ----
model = {n: [[np.zeros(a["lens"][y][x], NP[a["type"]]) for x in range(W)] for y in range(H)]
         for n, a in arrays.items()}
# Elements a transform made NaN: any NaN is right there (the payload of a computed NaN is the
# hardware's); a NaN the host copied in must come back bit for bit.
loose = {n: [[np.zeros(a["lens"][y][x], bool) for x in range(W)] for y in range(H)] for n, a in arrays.items()}
stream = case["stream"]
if stream:
    ring = np.zeros((H, W, stream["slen"]), np.uint32)
    ring_state = np.zeros((H, W, 2), np.uint32)
    two = "in2_color" in stream
    sum2 = np.zeros((H, W, 2), np.uint32)  # wrapping sum, count (second H2D color)


def random_values(rng, t, shape, raw=False):
    if raw and t in ("f32", "f16"):  # any bit pattern: NaNs, infinities, subnormals, -0
        bits = rng.integers(0, 1 << BITS[t], size=shape, dtype=np.uint64)
        return bits.astype(np.uint32 if t == "f32" else np.uint16).view(NP[t])
    if t == "u16":
        return rng.integers(0, 1 << 16, size=shape).astype(np.uint16)
    if t == "i16":
        return rng.integers(-(1 << 15), 1 << 15, size=shape).astype(np.int16)
    if t == "u32":
        return rng.integers(0, 1 << 32, size=shape, dtype=np.uint64).astype(np.uint32)
    if t == "i32":
        return rng.integers(-(1 << 31), 1 << 31, size=shape, dtype=np.int64).astype(np.int32)
    if t == "f32":
        return (rng.standard_normal(size=shape) * 64).astype(np.float32)
    return (rng.standard_normal(size=shape) * 16).astype(np.float16)


def to_host(vals, t):
    """The numpy array a 16-bit or 32-bit copy takes: 16-bit values zero-extended to u32."""
    if BITS[t] == 16:
        return vals.view(np.uint16).astype(np.uint32)
    return vals.astype(HOST[t])


def from_host(words, t):
    if BITS[t] == 16:
        return words.astype(np.uint16).view(NP[t])
    return words.view(NP[t])


def flat(vals, order):
    """vals[..., l] laid out as the host array of `order`: ROW is C order, COL reverses the axes."""
    # Always a copy: a want computed now must not follow later model updates.
    return np.array(vals if order == "ROW" else vals.transpose(*reversed(range(vals.ndim))), order="C").ravel()


def unflat(words, shape, order):
    if order == "ROW":
        return words.reshape(shape)
    return words.reshape(tuple(reversed(shape))).transpose(*reversed(range(len(shape))))


def same_bits(got, want):
    """want is the host array expected, or (that array, a mask of any-NaN elements, type)."""
    if isinstance(want, tuple):
        words, mask, t = want
        if got.shape != words.shape:
            return False
        g, w = from_host(got.ravel(), t), from_host(words.ravel(), t)
        m = mask.ravel()
        return g[~m].tobytes() == w[~m].tobytes() and bool(np.all(np.isnan(g[m])))
    return got.shape == want.shape and got.tobytes() == want.tobytes()


def show(want):
    return (want[0] if isinstance(want, tuple) else want).tolist()


# ---- transforms, as gen.py wrote them in CSL ----
def int_wrap(v, t):
    bits = BITS[t]
    v &= (1 << bits) - 1
    if t[0] == "i" and v >= 1 << (bits - 1):
        v -= 1 << bits
    return v


def apply_transform(name, argv):
    a = arrays[name]
    t, tr = a["type"], a["transform"]
    for y in range(H):
        for x in range(W):
            arr = model[name][y][x]
            for i in range(len(arr)):
                if t in ("f32", "f16"):
                    ft = NP[t]
                    v = arr[i]
                    for op, k in tr["steps"]:
                        if op == "neg_if":
                            if argv[k]:
                                v = ft(ft(0) - v)
                        elif op in ("add_i", "add_x", "add_y"):
                            base = {"add_i": i, "add_x": x, "add_y": y}[op]
                            v = ft(v + ft(ft(base) * ft(k)))
                        elif op == "other_width":
                            v = np.float32(np.float16(v)) if t == "f32" else np.float16(np.float32(v) * np.float32(1.5))
                        elif op == "signflip":
                            v = (np.array([v]).view(np.uint32 if t == "f32" else np.uint16) ^ (1 << (BITS[t] - 1))).view(ft)[0]
                        else:
                            p = ft(argv[k])
                            if op in ("min", "max"):
                                v = p if (p < v if op == "min" else p > v) else v
                            else:
                                v = ft({"mul": v * p, "add": v + p, "sub": v - p}[op])
                    arr[i] = v
                    loose[name][y][x][i] = np.isnan(v)
                else:
                    v = int(arr[i])
                    for op, k in tr["steps"]:
                        if op == "neg_if":
                            if argv[k]:
                                v = int_wrap(-v, t)
                        elif op in ("add_i", "add_x", "add_y"):
                            base = {"add_i": i, "add_x": x, "add_y": y}[op]
                            v = int_wrap(v + int_wrap(base * k, t), t)
                        elif op == "shl":
                            v = int_wrap(v << k, t)
                        elif op == "shr":  # arithmetic for signed: Python's >> floors
                            v = v >> k
                        elif op == "div":  # truncating toward zero
                            v = int_wrap((abs(v) // k) * (1 if v >= 0 else -1), t)
                        else:
                            # A float argument converts to an int type by truncation.
                            p = int(argv[k]) if not isinstance(argv[k], float) else int(np.trunc(argv[k]))
                            p = int_wrap(p, t)  # the argument as a value of the array's type
                            r = {"mul": lambda: v * p, "add": lambda: v + p, "sub": lambda: v - p,
                                 "xor": lambda: v ^ p, "or": lambda: v | p, "and": lambda: v & p,
                                 "min": lambda: min(v, p), "max": lambda: max(v, p)}[op]()
                            v = int_wrap(r, t)
                    arr[i] = v


def random_args(rng, types):
    out = []
    for at in types:
        if at == "bool":
            out.append(bool(rng.integers(0, 2)))
        elif at == "f32":
            out.append(float(np.float32(rng.standard_normal() * 2)))
        elif at == "f16":
            out.append(float(np.float16(rng.standard_normal() * 1.25)))
        else:
            lo, hi = {"u16": (0, 1 << 16), "i16": (-(1 << 15), 1 << 15), "u32": (0, 1 << 32),
                      "i32": (-(1 << 31), 1 << 31)}[at]
            out.append(int(rng.integers(lo, hi, dtype=np.int64)))
    return out


def as_numpy(v, at):
    return {"bool": np.bool_, "f32": np.float32, "f16": np.float16, "u16": np.uint16, "i16": np.int16,
            "u32": np.uint32, "i32": np.int32}[at](v)


def packed_word(v, at):
    if at == "bool":
        return int(v)
    if at == "f32":
        return int(np.float32(v).view(np.uint32))
    if at == "f16":
        return int(np.float16(v).view(np.uint16))
    if at in ("i16",):
        return int(np.int16(v).view(np.uint16))
    if at == "i32":
        return int(np.int32(v).view(np.uint32))
    return int(v)


# ---- the run ----
# Results must not depend on the simulator's thread count (a keyword the SDK documents).
runner = SdkRuntime(args.name, cmaddr=args.cmaddr, **({"simfab_numthreads": case["threads"]} if "threads" in case else {}))
ids = {n: runner.get_id(n) for n in arrays}
ids["tag"] = runner.get_id("tag")
if stream:
    ids["ring"] = runner.get_id("ring")
    ids["ring_state"] = runner.get_id("ring_state")
    ids["expect"] = runner.get_id("expect")
    if two:
        ids["sum2"] = runner.get_id("sum2")
runner.load()
runner.run()

pending = []  # (task, what, dest, expected bytes or None, keep-alive source)


def settle(poll, last_only=False):
    """Waits for every pending task (by polling is_task_done, or task_wait), then checks the
    nonblocking read-backs they filled. last_only: task_wait on the last task only; commands
    run in order, so every earlier one is done and its D2H array filled (docs/host-api.md)."""
    if last_only and pending:
        runner.task_wait(pending[-1][0])
        for task, what, dest, want, _src in pending:
            check(runner.is_task_done(task), f"{what}: not done after a later task's task_wait")
            if want is not None:
                check(same_bits(dest, want), f"{what} (waited through a later task): got {dest.tolist()} want {show(want)}")
        pending.clear()
        return
    if poll:
        start = time.monotonic()
        while not all(runner.is_task_done(p[0]) for p in pending):
            check(time.monotonic() - start < 120, "is_task_done never became true")
            if failures:
                break
            time.sleep(0.005)
    for task, what, dest, want, _src in pending:
        runner.task_wait(task)
        check(runner.is_task_done(task), f"{what}: is_task_done False after task_wait")
        if want is not None:
            check(same_bits(dest, want), f"{what}: got {dest.tolist()} want {show(want)}")
    pending.clear()


def issue(task, what, nonblock, dest=None, want=None, src=None):
    if nonblock:
        pending.append((task, what, dest, want, src))
    elif want is not None:
        check(same_bits(dest, want), f"{what}: got {dest.tolist()} want {show(want)}")


def expected_block(name, px, py, w, h, n, order):
    t = arrays[name]["type"]
    vals = np.stack([np.stack([model[name][py + yy][px + xx][:n] for xx in range(w)]) for yy in range(h)])
    mask = np.stack([np.stack([loose[name][py + yy][px + xx][:n] for xx in range(w)]) for yy in range(h)])
    return flat(to_host(vals, t), order), flat(mask, order), t


def emit(what, px, py, w, h, n, order, nb, d2h_first=False):
    """Tells every PE how many wavelets it must have taken (copy mode), launches emit and reads
    the ring's first n words from the ROI on the streaming D2H color. d2h_first: the
    streaming D2H is posted (nonblocking) before the commands that make the kernel send, as
    docs/host-api.md allows ("they end when the kernel sends, which may take commands issued
    later")."""
    dest = np.zeros(w * h * n, np.uint32)
    want = flat(ring[py:py + h, px:px + w, :n], order)
    if d2h_first:
        task = runner.memcpy_d2h(dest, stream["out_color"], px, py, w, h, n, streaming=True, data_type=B32,
                                 order=ORDER[order], nonblock=True)
    expect = np.stack([ring_state[:, :, 1], sum2[:, :, 1]], axis=2)
    t0 = runner.memcpy_h2d(ids["expect"], expect.ravel(), 0, 0, W, H, 2, streaming=False, data_type=B32,
                           order=MemcpyOrder.ROW_MAJOR, nonblock=nb)
    issue(t0, what + " (expect)", nb, src=expect)
    t1 = runner.launch("emit", np.uint16(px), np.uint16(py), np.uint16(w), np.uint16(h), np.uint16(n),
                       nonblock=nb)
    issue(t1, what + " (launch)", nb)
    if not d2h_first:
        task = runner.memcpy_d2h(dest, stream["out_color"], px, py, w, h, n, streaming=True, data_type=B32,
                                 order=ORDER[order], nonblock=nb)
    if nb or d2h_first:
        # A streaming D2H ends when the kernel sends, so later commands may run before it ends
        # (docs/host-api.md): wait for it before anything else reads or feeds the ring.
        runner.task_wait(task)
        check(runner.is_task_done(task), f"{what} (stream): is_task_done False after task_wait")
    check(same_bits(dest, want), f"{what} (stream): got {dest.tolist()} want {want.tolist()}")


# ---- invalid host calls ----
def refused(what, words, fn, *a, **kw):
    start = time.monotonic()
    try:
        fn(*a, **kw)
    except Exception as e:  # pylint: disable=broad-except
        missing = [w for w in words if w not in str(e)]
        check(not missing, f"{what}: {type(e).__name__}: '{e}' does not name {missing}")
        check(time.monotonic() - start < 60, f"{what}: took {time.monotonic() - start:.0f} s")
        return
    check(False, f"{what}: no error")


def do_invalid(inv):
    """An invalid host call: it must raise, naming the argument at fault, and change nothing."""
    k = inv["kind"]
    what = f"invalid {json.dumps(inv)}"
    name = inv.get("arr")
    t = arrays[name]["type"] if name else None
    dt = (B16 if BITS[t] == 16 else B32) if t else None
    hdt = (np.uint32 if BITS[t] == 16 else HOST[t]) if t else None
    if k in ("px_outside", "h_outside"):
        px, py, w, h = inv["roi"]
        refused(what, inv["words"], runner.memcpy_h2d, ids[name], np.zeros(w * h * inv["n"], hdt), px, py, w,
                h, inv["n"], streaming=False, data_type=dt, order=MemcpyOrder.ROW_MAJOR, nonblock=False)
    elif k == "unknown_symbol":
        refused(what, inv["words"], runner.get_id, inv["name"])
    elif k == "bad_order":
        refused(what, inv["words"], runner.memcpy_d2h, np.zeros(1, hdt), ids[name], 0, 0, 1, 1, 1,
                streaming=False, data_type=dt, order=inv["value"], nonblock=False)
    elif k == "launch_hidden":
        refused(what, inv["words"], runner.launch, "hidden", nonblock=False)
    elif k in ("launch_extra_arg", "launch_missing_arg"):
        types = arrays[name]["transform"]["args"]
        argv = random_args(np.random.default_rng(5), types)
        argv = argv + [1] if k == "launch_extra_arg" else argv[:-1]
        refused(what, inv["words"], runner.launch, "t" + name[1:], *argv, nonblock=False)
    elif k == "h2d_immutable":
        px, py, w, h = inv["roi"]
        refused(what, inv["words"], runner.memcpy_h2d, ids["tag"], np.zeros(w * h * 3, np.uint32), px, py, w, h,
                3, streaming=False, data_type=B16, order=MemcpyOrder.COL_MAJOR, nonblock=False)
    elif k == "call_short":
        nargs = len(arrays[name]["transform"]["args"])
        refused(what, inv["words"], runner.call, "t" + name[1:], [0] * (nargs - 1), nonblock=False)
    elif k == "launch_variable":
        refused(what, inv["words"], runner.launch, name, nonblock=False)
    elif k == "h2d_to_function":
        refused(what, inv["words"], runner.memcpy_h2d, runner.get_id("t" + name[1:]), np.zeros(1, hdt), 0, 0,
                1, 1, 1, streaming=False, data_type=dt, order=MemcpyOrder.ROW_MAJOR, nonblock=False)
    elif k == "arg_out_of_range":
        types = arrays[name]["transform"]["args"]
        argv = random_args(np.random.default_rng(6), types)
        j, at = inv["arg"], types[inv["arg"]]
        argv[j] = {"bool": 2, "f16": 1e6, "u16": 1 << 16, "i16": -(1 << 15) - 1, "u32": -1, "i32": 1 << 31}[at]
        refused(what, inv["words"], runner.launch, "t" + name[1:], *argv, nonblock=False)
    elif k == "stream_unknown_color":
        refused(what, inv["words"], runner.memcpy_h2d, inv["color"], np.zeros(1, np.uint32), 0, 0, 1, 1, 1,
                streaming=True, data_type=B32, order=MemcpyOrder.ROW_MAJOR, nonblock=False)
    elif k == "d2h_short_dest":
        px, py, w, h = inv["roi"]
        refused(what, inv["words"], runner.memcpy_d2h, np.zeros(w * h * inv["n"] - 1, hdt), ids[name], px, py,
                w, h, inv["n"], streaming=False, data_type=dt, order=MemcpyOrder.COL_MAJOR, nonblock=False)


for step, op in enumerate(case["ops"]):
    kind = op["op"]
    what = f"op {step} {json.dumps(op)}"
    nb = op.get("nonblock", False)
    if kind in ("h2d", "rowbcast", "colbcast", "stride"):
        name, (px, py, w, h), n, order = op["arr"], op["roi"], op["n"], op["order"]
        t = arrays[name]["type"]
        rng = np.random.default_rng(op["seed"])
        dt = B16 if BITS[t] == 16 else B32
        if kind == "h2d":
            vals = random_values(rng, t, (h, w, n), op.get("raw"))
            src = flat(to_host(vals, t), order)
            if op.get("shaped"):  # the array as a script holds it: [h][w][l], or [l][w][h] for COL_MAJOR
                src = src.reshape((h, w, n) if order == "ROW" else (n, w, h))
            task = runner.memcpy_h2d(ids[name], src, px, py, w, h, n, streaming=False, data_type=dt,
                                     order=ORDER[order], nonblock=nb)
            for yy in range(h):
                for xx in range(w):
                    model[name][py + yy][px + xx][:n] = vals[yy, xx]
                    loose[name][py + yy][px + xx][:n] = False
        elif kind == "rowbcast":
            vals = random_values(rng, t, (h, n), op.get("raw"))
            src = flat(to_host(vals, t), order)
            task = runner.memcpy_h2d_rowbcast(ids[name], src, px, py, w, h, n, streaming=False, data_type=dt,
                                              order=ORDER[order], nonblock=nb)
            for yy in range(h):
                for xx in range(w):
                    model[name][py + yy][px + xx][:n] = vals[yy]
                    loose[name][py + yy][px + xx][:n] = False
        elif kind == "colbcast":
            vals = random_values(rng, t, (w, n), op.get("raw"))
            src = flat(to_host(vals, t), order)
            task = runner.memcpy_h2d_colbcast(ids[name], src, px, py, w, h, n, streaming=False, data_type=dt,
                                              order=ORDER[order], nonblock=nb)
            for yy in range(h):
                for xx in range(w):
                    model[name][py + yy][px + xx][:n] = vals[xx]
                    loose[name][py + yy][px + xx][:n] = False
        else:
            rs, cs = op["row_stride"], op["col_stride"]
            ny, nx = 1 + (h - 1) // rs, 1 + (w - 1) // cs
            vals = random_values(rng, t, (ny, nx, n), op.get("raw"))
            src = flat(to_host(vals, t), order)
            if op["keywords"]:
                task = runner.memcpy_h2d_stride(ids[name], src, px, py, w, h, n, row_stride=rs, col_stride=cs,
                                                streaming=False, data_type=dt, order=ORDER[order], nonblock=nb)
            else:
                task = runner.memcpy_h2d_stride(ids[name], src, px, py, w, h, n, rs, cs, streaming=False,
                                                data_type=dt, order=ORDER[order], nonblock=nb)
            for iy in range(ny):
                for ix in range(nx):
                    model[name][py + rs * iy][px + cs * ix][:n] = vals[iy, ix]
                    loose[name][py + rs * iy][px + cs * ix][:n] = False
        issue(task, what, nb, src=src)
    elif kind == "d2h":
        name, (px, py, w, h), n, order = op["arr"], op["roi"], op["n"], op["order"]
        t = arrays[name]["type"]
        dest = np.zeros(w * h * n, np.uint32 if BITS[t] == 16 else HOST[t])
        if op.get("shaped"):
            dest = dest.reshape((h, w, n) if order == "ROW" else (n, w, h))
        words, mask, _ = expected_block(name, px, py, w, h, n, order)
        want = (words.reshape(dest.shape), mask.reshape(dest.shape), t)
        task = runner.memcpy_d2h(dest, ids[name], px, py, w, h, n, streaming=False,
                                 data_type=B16 if BITS[t] == 16 else B32, order=ORDER[order], nonblock=nb)
        issue(task, what, nb, dest, want)
    elif kind in ("launch", "call"):
        name = op["arr"]
        fn = "t" + name[1:]
        types = arrays[name]["transform"]["args"]
        argv = random_args(np.random.default_rng(op["seed"]), types)
        if kind == "launch":
            pass_args = [as_numpy(v, at) for v, at in zip(argv, types)] if op["numpy_scalars"] else argv
            task = runner.launch(fn, *pass_args, nonblock=nb)
        else:
            words = [packed_word(v, at) for v, at in zip(argv, types)]
            task = runner.call(fn, np.array(words, np.uint32) if op["numpy_scalars"] else words, nonblock=nb)
        apply_transform(name, argv)
        issue(task, what + f" args {argv}", nb)
    elif kind == "wait":
        settle(op["poll"], op.get("last_only", False))
    elif kind == "peek":  # SdkRuntime.read_symbol (rectangle coordinates) after the tasks end
        settle(False)
        name, x, y, t = op["arr"], op["x"], op["y"], arrays[op["arr"]]["type"]
        got = runner.read_symbol(x, y, name, np.uint8 if op["bytes"] else NP[t])
        got = np.asarray(got).view(NP[t]) if op["bytes"] else np.asarray(got)
        check(same_bits(to_host(got, t), (to_host(model[name][y][x], t), loose[name][y][x], t)),
              f"{what}: got {got.tolist()} want {model[name][y][x].tolist()}")
    elif kind == "invalid":  # among the valid commands, some of them still in flight
        do_invalid(op["call"])
    elif kind == "stream_h2d":
        (px, py, w, h), n, order = op["roi"], op["n"], op["order"]
        vals = np.random.default_rng(op["seed"]).integers(0, 1 << 32, size=(h, w, n), dtype=np.uint64)
        vals = vals.astype(np.uint32)
        src = flat(vals, order)
        task = runner.memcpy_h2d(stream["in_color"], src, px, py, w, h, n, streaming=True, data_type=B32,
                                 order=ORDER[order], nonblock=nb)
        for yy in range(h):
            for xx in range(w):
                st = ring_state[py + yy, px + xx]
                r = ring[py + yy, px + xx]
                for k in range(n):
                    slot = int(st[0])
                    r[slot] = np.uint32((int(r[slot]) * 3 + int(vals[yy, xx, k])) & 0xFFFFFFFF)
                    st[0] = (slot + 1) % stream["slen"]
                    st[1] += 1
        issue(task, what, nb, src=src)
    elif kind == "stream2_h2d":
        (px, py, w, h), n, order = op["roi"], op["n"], op["order"]
        vals = np.random.default_rng(op["seed"]).integers(0, 1 << 32, size=(h, w, n), dtype=np.uint64)
        src = flat(vals.astype(np.uint32), order)
        task = runner.memcpy_h2d(stream["in2_color"], src, px, py, w, h, n, streaming=True, data_type=B32,
                                 order=ORDER[order], nonblock=nb)
        sum2[py:py + h, px:px + w, 0] += (vals.sum(axis=2) & 0xFFFFFFFF).astype(np.uint32)
        sum2[py:py + h, px:px + w, 1] += np.uint32(n)
        issue(task, what, nb, src=src)
    elif kind == "emit":
        (px, py, w, h), n, order = op["roi"], op["n"], op["order"]
        emit(what, px, py, w, h, n, order, nb, op.get("d2h_first", False))
    elif kind == "d2h_state":
        emit(what + " (barrier)", 0, 0, W, H, 1, op["order"], nb)
        for sym, m in (("ring", ring), ("ring_state", ring_state)) + ((("sum2", sum2),) if two else ()):
            dest = np.zeros(m.size, np.uint32)
            task = runner.memcpy_d2h(dest, ids[sym], 0, 0, W, H, m.shape[2], streaming=False, data_type=B32,
                                     order=MemcpyOrder.ROW_MAJOR, nonblock=nb)
            issue(task, f"{what} {sym}", nb, dest, m.ravel().copy())
    if failures:
        break
settle(False)


# ---- everything read back, PE by PE (lengths differ per PE) ----
# With drain_at_stop the reads are nonblocking and never waited for: stop() must finish them.
drain = case.get("drain_at_stop", False)
finals = []
if not failures:
    for name, a in arrays.items():
        t = a["type"]
        for y in range(H):
            for x in range(W):
                n = a["lens"][y][x]
                dest = np.zeros(n, np.uint32 if BITS[t] == 16 else HOST[t])
                runner.memcpy_d2h(dest, ids[name], x, y, 1, 1, n, streaming=False,
                                  data_type=B16 if BITS[t] == 16 else B32, order=MemcpyOrder.ROW_MAJOR,
                                  nonblock=drain)
                finals.append((f"final {name} at ({x},{y})", dest, (to_host(model[name][y][x], t), loose[name][y][x], t)))
    # The immutable tag: x, y, 0x5a5a on every PE, read in COL_MAJOR.
    tags = np.zeros((3, W, H), np.uint32)
    runner.memcpy_d2h(tags, ids["tag"], 0, 0, W, H, 3, streaming=False, data_type=B16,
                      order=MemcpyOrder.COL_MAJOR, nonblock=drain)
    want = np.stack([np.broadcast_to(np.arange(W)[:, None], (W, H)), np.broadcast_to(np.arange(H)[None, :], (W, H)),
                     np.full((W, H), 0x5A5A)]).astype(np.uint32)
    finals.append(("tag", tags, want))
runner.stop()
for what, dest, want in finals:
    check(same_bits(dest, want), f"{what}: got {dest.tolist()} want {show(want)}")

# ---- the core dump after stop(), through debug_util (fabric coordinates: the offsets) ----
if not failures:
    ox, oy = case["geometry"]["offsets"]
    dbg = debug_util(args.name, cmaddr=args.cmaddr)
    for name, a in arrays.items():
        t = a["type"]
        for y in range(H):
            for x in range(W):
                got = dbg.get_symbol(ox + x, oy + y, name, NP[t])
                check(same_bits(to_host(got, t), (to_host(model[name][y][x], t), loose[name][y][x], t)),
                      f"debug_util {name} at ({x},{y}): got {got.tolist()} want {model[name][y][x].tolist()}")
    rect = dbg.get_symbol_rect(((ox, oy), (W, H)), "tag", np.uint16)  # [col][row][n]
    want = np.stack([np.broadcast_to(np.arange(W)[:, None], (W, H)), np.broadcast_to(np.arange(H)[None, :], (W, H)),
                     np.full((W, H), 0x5A5A)], axis=2).astype(np.uint16)
    check(same_bits(np.asarray(rect, np.uint16), want), f"debug_util tag rect: got {np.asarray(rect).tolist()}")
    if stream:
        rect = dbg.get_symbol_rect(((ox, oy), (W, H)), "ring_state", np.uint32)
        check(same_bits(np.asarray(rect, np.uint32), ring_state.transpose(1, 0, 2).copy()),
              f"debug_util ring_state rect: got {np.asarray(rect).tolist()} want {ring_state.transpose(1, 0, 2).tolist()}")

if failures:
    print(f"case {case['seed']}: {len(failures)} failure(s)")
    raise SystemExit(1)
print(f"case {case['seed']}: {len(case['ops'])} operations, {sum(o['op'] == 'invalid' for o in case['ops'])} of them invalid")
print("SUCCESS!")

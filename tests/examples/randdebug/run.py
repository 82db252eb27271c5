#!/usr/bin/env cs_python
"""randdebug checker, shared by every case: run in a case directory (cases/<id>/) after its
compile_<arch>.sh. Reads case.json (written by ../../gen.py): the rectangle, its fabric
offset, the code classes (globals with type and shape, <debug> keys with buffer sizes),
the launches, and per PE the model's bytes of every global after init and after each
launch and the model's trace entries and raw buffer words per key.

During the run: SdkRuntime.read_symbol (rectangle coordinates) of random globals and trace
buffers after run() and after each launch, a dump_core() after a random launch, and misuses
of read_symbol. After stop(): debug_util (fabric coordinates) get_symbol of every global
of every PE in its declared type and as bytes, get_symbol_rect over random
sub-rectangles, read_trace of every key (kinds, values, order; timestamps only
non-decreasing in program order), the raw buffer words and buffer_index; the same on the
mid-run core through debug_util(core=); then misuses, each of which must raise an
exception whose message names the symbol, key, PE or argument at fault."""
import argparse
import json
import random
import sys
from pathlib import Path

import numpy as np

from cerebras.sdk.debug.debug_util import debug_util
from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()
case = json.loads(Path("case.json").read_text())
W, H, OX, OY = case["width"], case["height"], case["ox"], case["oy"]
L = case["nlaunch"]
rng = random.Random(case["check_seed"])
DT = {"bool": np.bool_, "i8": np.int8, "u8": np.uint8, "i16": np.int16, "u16": np.uint16,
      "i32": np.int32, "u32": np.uint32, "i64": np.int64, "u64": np.uint64,
      "f16": np.float16, "bf16": np.uint16, "f32": np.float32}
PES = [(x, y) for y in range(H) for x in range(W)]
failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL", msg)
    if len(failures) >= 25:
        sys.exit(f"FAIL seed {case['seed']}: too many failures")


def pe(x, y):
    return case["pes"][f"{x},{y}"]


def cls(x, y):
    return case["classes"][pe(x, y)["class"]]


def glob(x, y, name):
    return next((g for g in cls(x, y)["globals"] if g["name"] == name), None)


def referenced(x, y):
    """The globals the code uses (an unused one may be left out of the binary)."""
    return [g for g in cls(x, y)["globals"] if g["referenced"]]


def want_bytes(x, y, state, name):
    """The model's bytes; None for a <time> stamp already taken (checked by order instead)."""
    h = pe(x, y)["states"][state][name]
    return None if h is None else bytes.fromhex(h)


def size_of(x, y, name):
    g = glob(x, y, name)
    return (int(np.prod(g["shape"])) if g["shape"] else 1) * np.dtype(DT[g["type"]]).itemsize


def view(raw, dtype):
    if raw is None:
        return None
    return np.frombuffer(raw, dtype=np.dtype(dtype).newbyteorder("<")).astype(dtype)


def same(got, want, what):
    if not isinstance(got, np.ndarray):
        return fail(f"{what}: got {type(got).__name__}, not a numpy array")
    if want is None:  # a stamp: only its type and shape are known
        return None
    if got.dtype != want.dtype or got.shape != want.shape or got.tobytes() != want.tobytes():
        fail(f"{what}: got {got!r} ({got.dtype}, {got.shape}), want {want!r} ({want.dtype}, {want.shape})")


def buffer_name(key):
    return f"$$csl_debug.{key}.buffer"


def decode(words):
    """Entries of u16 trace words (docs/host-api.md, "<debug> traces"), written here from
    the format description, independent of debug_util's decoder."""
    out, i = [], 0
    while i < len(words):
        tag = int(words[i])
        code, hi = chr(tag & 0xFF), tag >> 8
        i += 1
        if code in "?bB":
            out.append((code, bool(hi) if code == "?" else (hi - 256 if code == "b" and hi > 127 else hi)))
        elif code in "hHe":
            w = np.array([words[i]], np.uint16)
            out.append((code, int(w.view(np.int16)[0]) if code == "h" else int(w[0]) if code == "H"
                        else float(w.view(np.float16)[0])))
            i += 1
        elif code in "iIf":
            w = np.array([int(words[i]) | int(words[i + 1]) << 16], np.uint32)
            out.append((code, int(w.view(np.int32)[0]) if code == "i" else int(w[0]) if code == "I"
                        else float(w.view(np.float32)[0])))
            i += 2
        elif code == "t":
            out.append((code, int(words[i]) | int(words[i + 1]) << 16 | int(words[i + 2]) << 32))
            i += 3
        elif code == "s":
            n = (hi + 1) // 2
            out.append((code, np.array(words[i:i + n], "<u2").tobytes()[:hi].decode("utf-8")))
            i += n
        else:
            raise ValueError(f"unknown tag 0x{tag:04x} at word {i - 1}")
    return out


KIND = {"?": bool, "b": int, "B": int, "h": int, "H": int, "i": int, "I": int, "e": float,
        "f": float, "s": str, "t": int}


def check_entries(got, want, what):
    """got: read_trace's list; want: the model's [code, value, launch] list."""
    if not isinstance(got, list):
        return fail(f"{what}: read_trace returned {type(got).__name__}, not a list")
    if len(got) != len(want):
        return fail(f"{what}: {len(got)} entries, want {len(want)}: {got} vs {want}")
    for i, (g, (code, v, _)) in enumerate(zip(got, want)):
        kind = KIND[code]
        if type(g) is not kind:  # bool is an int subclass: exact types
            fail(f"{what}: entry {i} is {type(g).__name__} {g!r}, want {kind.__name__} ({code})")
        elif code == "t":
            if not 0 <= g < 1 << 48:
                fail(f"{what}: entry {i}: timestamp {g} is not 48-bit")
        elif g != v:
            fail(f"{what}: entry {i} ({code}) is {g!r}, want {v!r}")


def check_words(words, tr, size, what):
    """Raw buffer words against the model (timestamp words excepted)."""
    if len(words) != size:
        fail(f"{what}: buffer of {len(words)} words, want {size}")
    want = tr["words"]
    for i, w in enumerate(want):
        if i >= len(words):
            break
        if w is not None and int(words[i]) != w:
            return fail(f"{what}: word {i} is 0x{int(words[i]):04x}, want 0x{w:04x} "
                        f"(words {[hex(int(v)) for v in words[:len(want)]]})")


def timestamps(x, y, got_by_key, state, dbg):
    """Timestamps of all keys and the <time> stamps (get_timestamp into [3]u16 globals) in
    program order must not decrease."""
    seq = []
    for name, s in pe(x, y)["stamps"].items():
        if pe(x, y)["states"][state][name] is None:  # taken by then
            w = dbg.get_symbol(OX + x, OY + y, name, np.uint16)
            seq.append((s, int(w[0]) | int(w[1]) << 16 | int(w[2]) << 32, name))
    for key, got in got_by_key.items():
        tr = pe(x, y)["traces"][state][key]
        for (code, _, _), s, g in zip(tr["entries"], tr["seq"], got):
            if code == "t" and isinstance(g, int):
                seq.append((s, g, key))
    seq.sort()
    for (s0, g0, k0), (s1, g1, k1) in zip(seq, seq[1:]):
        if g1 < g0:
            fail(f"PE ({x},{y}) state {state}: timestamp {g1} ({k1}) after {g0} ({k0})")
    return {(k, s): g for s, g, k in seq}


def expect_error(what, call, kinds, *words):
    try:
        result = call()
    except kinds as err:
        msg = str(err)
        missing = [w for w in words if w not in msg]
        if missing:
            fail(f"{what}: {type(err).__name__} message {msg!r} does not name {missing}")
        return msg
    except Exception as err:  # pylint: disable=broad-except
        fail(f"{what}: raised {type(err).__name__}: {err}")
        return None
    fail(f"{what}: returned {result!r} instead of raising")
    return None


# ---------------------------------------------------------------- the run
runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
runner.load()
runner.run()
names = sorted({g["name"] for c in case["classes"] for g in c["globals"]})


def live_reads(state):
    """read_symbol (rectangle coordinates) of a few globals and one trace buffer."""
    for _ in range(5):
        x, y = rng.choice(PES)
        if not referenced(x, y):
            continue
        g = rng.choice(referenced(x, y))
        got = runner.read_symbol(x, y, g["name"], DT[g["type"]])
        same(got, view(want_bytes(x, y, state, g["name"]), DT[g["type"]]),
             f"read_symbol({x}, {y}, {g['name']!r}) after {state} launch(es)")
        raw = runner.read_symbol(x, y, g["name"])  # the default dtype: bytes
        same(raw, view(want_bytes(x, y, state, g["name"]), np.uint8),
             f"read_symbol({x}, {y}, {g['name']!r}) as uint8 after {state} launch(es)")
    keyed = [p for p in PES if cls(*p)["keys"]]
    if keyed:
        x, y = rng.choice(keyed)
        key = rng.choice(cls(x, y)["keys"])
        words = runner.read_symbol(x, y, buffer_name(key["key"]), np.uint16)
        tr = pe(x, y)["traces"][state][key["key"]]
        what = f"read_symbol({x}, {y}, {buffer_name(key['key'])!r}) after {state} launch(es)"
        check_words(words, tr, key["size"], what)
        entries = decode(words[:len(tr["words"])])
        check_entries([v for _, v in entries], tr["entries"], what + " decoded")
        return (x, y, key["key"], state, [v for _, v in entries])
    return None


live_traces = [live_reads(0)]
hb = case["hostbuf"]
if hb:  # an exported array filled by memcpy_h2d before launch 0 (states 1.. hold it)
    hb_n = len(hb["words"]["0,0"])
    order = getattr(MemcpyOrder, hb["order"])
    dtype = MemcpyDataType.MEMCPY_16BIT if hb["type"] == "u16" else MemcpyDataType.MEMCPY_32BIT
    host = np.zeros((H, W, hb_n), np.uint32)
    for (x, y) in PES:
        host[y, x] = hb["words"][f"{x},{y}"]
    flat = host.ravel() if order == MemcpyOrder.ROW_MAJOR else host.transpose(2, 1, 0).ravel()
    runner.memcpy_h2d(runner.get_id("hostbuf"), flat.copy(), 0, 0, W, H, hb_n, streaming=False,
                      order=order, data_type=dtype, nonblock=False)
for l in range(L):
    k, m = case["launch_args"][l]
    runner.launch(f"step{l}", np.uint16(k), np.int32(m), nonblock=False)
    if case["tasks"]:  # the launch ends in a task; its memcpy waits for every PE's unblock
        sync = np.zeros(W * H, np.uint32)
        runner.memcpy_d2h(sync, runner.get_id("sync"), 0, 0, W, H, 1, streaming=False,
                          order=MemcpyOrder.ROW_MAJOR, data_type=MemcpyDataType.MEMCPY_32BIT, nonblock=False)
        if not np.all(sync == l + 1):
            fail(f"sync words after launch {l}: {sync}, want all {l + 1}")
    live_traces.append(live_reads(l + 1))
    if l == case["mid_dump"]:
        runner.dump_core("mid.cs1")

# read_symbol misuse (rectangle coordinates; the runtime is still live)
x, y = rng.choice([p for p in PES if referenced(*p)])
g = rng.choice(referenced(x, y))
expect_error("read_symbol of fabric coordinates", lambda: runner.read_symbol(OX + W - 1, OY, g["name"]),
             (ValueError,), f"({OX + W - 1},{OY})", "outside")
expect_error("read_symbol of an unknown symbol", lambda: runner.read_symbol(x, y, "no_such_sym"),
             (Exception,), "no_such_sym")
size = size_of(x, y, g["name"])
bad = next(d for d in (np.uint64, np.uint32, np.uint16, np.dtype("V3"), np.dtype("V5"), np.dtype("V7"),
                               np.dtype(f"V{size + 1}"))
           if size % np.dtype(d).itemsize)
expect_error("read_symbol with a dtype that does not divide the symbol",
             lambda: runner.read_symbol(x, y, g["name"], bad), (ValueError,), g["name"], str(size))
for (x, y) in PES:
    lacking = [n for n in names if glob(x, y, n) is None]
    if lacking:
        n = rng.choice(lacking)
        expect_error(f"read_symbol of {n!r} on PE ({x},{y}) whose class lacks it",
                     lambda: runner.read_symbol(x, y, n), (Exception,), n)
        break

if hb:  # and back
    back = np.zeros(W * H * hb_n, np.uint32)
    runner.memcpy_d2h(back, runner.get_id("hostbuf"), 0, 0, W, H, hb_n, streaming=False,
                      order=order, data_type=dtype, nonblock=False)
    if not np.array_equal(back, flat):
        fail(f"memcpy_d2h of hostbuf: {back} != {flat}")
runner.stop()


# ---------------------------------------------------------------- after stop
def full_check(dbg, state, label):
    stamps = {}
    for (x, y) in PES:
        fx, fy = OX + x, OY + y
        for g in cls(x, y)["globals"]:
            raw = want_bytes(x, y, state, g["name"])
            what = f"{label} get_symbol({fx}, {fy}, {g['name']!r})"
            if not g["referenced"]:  # present with its value, or absent by name
                try:
                    got = dbg.get_symbol(fx, fy, g["name"], DT[g["type"]])
                except KeyError as err:
                    if g["name"] not in str(err) or f"({fx},{fy})" not in str(err):
                        fail(f"{what}: unclear error for an unused global: {err}")
                    continue
                same(got, view(raw, DT[g["type"]]), what)
                continue
            same(dbg.get_symbol(fx, fy, g["name"], DT[g["type"]]), view(raw, DT[g["type"]]), what)
            other = rng.choice([np.uint8, np.int16, np.uint32, np.float64, np.dtype(">u2")])
            if raw is not None and len(raw) % np.dtype(other).itemsize == 0:
                same(dbg.get_symbol(fx, fy, g["name"], other), view(raw, other), f"{what} as {np.dtype(other)}")
        got_by_key = {}
        for key in cls(x, y)["keys"]:
            tr = pe(x, y)["traces"][state][key["key"]]
            what = f"{label} read_trace({fx}, {fy}, {key['key']!r})"
            got = dbg.read_trace(fx, fy, key["key"])
            check_entries(got, tr["entries"], what)
            got_by_key[key["key"]] = got
            words = dbg.get_symbol(fx, fy, buffer_name(key["key"]), np.uint16)
            check_words(words, tr, key["size"], f"{label} {buffer_name(key['key'])} of ({fx},{fy})")
            index = int.from_bytes(dbg.get_symbol(fx, fy, f"$$csl_debug.{key['key']}.buffer_index",
                                                  np.uint8).tobytes(), "little")
            if index != len(tr["words"]):
                fail(f"{label} buffer_index of {key['key']!r} on ({fx},{fy}) is {index}, "
                     f"want {len(tr['words'])} (size {key['size']})")
            if [v for _, v in decode(words[:len(tr["words"])])] != got:
                fail(f"{what}: differs from the buffer words decoded here")
        stamps[(x, y)] = timestamps(x, y, got_by_key, state, dbg)
    return stamps


dbg = debug_util(args.name, cmaddr=args.cmaddr)
final = full_check(dbg, L, "final")
mid_state = case["mid_dump"] + 1
mid = full_check(debug_util(args.name, core="mid.cs1"), mid_state, "mid-run core")
for p, st in mid.items():  # the same timestamp entries on both cores
    for where, v in st.items():
        if where in final[p] and final[p][where] != v:
            fail(f"PE {p}: timestamp {where} is {v} on the mid-run core, {final[p][where]} at the end")
for entry in live_traces:  # entries read live match the final core's
    if entry is None:
        continue
    x, y, key, state, got = entry
    fin = dbg.read_trace(OX + x, OY + y, key)
    tr = pe(x, y)["traces"][state][key]
    if fin[:len(got)] != got:
        fail(f"read_symbol trace of {key!r} on ({x},{y}) after {state} launches: {got} is not "
             f"a prefix of the final {fin}")

# The core files themselves (docs/coredump.md, read here from that page alone): header and
# every PE record, and the per-task profile (TPRF): launched functions (task -2) counted once
# per launch, each task-mode finishing task (10 + l) once.
import struct  # noqa: E402


def read_core(path):
    data = Path(path).read_bytes()
    (magic, version, arch, fw, fh, ox, oy, w, h, cycle, count, rec_bytes, table,
     _) = struct.unpack_from("<8sIIIIIIIIQIIQQ", data, 0)
    what = f"core {path}"
    check_eq = lambda got, want, field: got == want or fail(f"{what}: {field} {got}, want {want}")
    check_eq(magic, b"TSRCORE\0", "magic")
    check_eq(version, 2, "version")
    check_eq((fw, fh, ox, oy, w, h, count, rec_bytes), (case["dimx"], case["dimy"], OX, OY, W, H, W * H, 224),
             "geometry (fabric w, h, offset x, y, width, height, PE count, record bytes)")
    pes = {}
    for i in range(W * H):
        at = table + i * rec_bytes
        x, y, _, current, activated, _, function, _, depth = struct.unpack_from("<IIIiQQiII", data, at)
        pending, = struct.unpack_from("<I", data, at + 168)
        stats = struct.unpack_from("<QQQQ", data, at + 176)
        ext_off, ext_bytes = struct.unpack_from("<QI", data, at + 208)
        check_eq((x, y), (i % W, i // W), f"record {i} coordinates")
        profile, pos = {}, ext_off
        while ext_bytes and pos < ext_off + ext_bytes:
            tag, n = struct.unpack_from("<4sI", data, pos)
            if tag == b"TPRF":
                for j in range(n // 40):
                    task, _, acts = struct.unpack_from("<iIQ", data, pos + 8 + 40 * j)
                    profile[task] = acts
            pos += 8 + (n + 7) // 8 * 8
        pes[(x, y)] = {"current": current, "activated": activated, "function": function,
                       "depth": depth, "pending": pending, "stats": stats, "profile": profile}
    return cycle, pes


def check_core(path, launches):
    cycle, pes = read_core(path)
    for (x, y), r in pes.items():
        what = f"core {path} PE ({x},{y})"
        if (r["current"], r["function"], r["depth"], r["pending"]) != (-1, -1, 0, 0):
            fail(f"{what}: not idle: task {r['current']}, function {r['function']}, depth {r['depth']}, "
                 f"{r['pending']} pending command(s)")
        want = {-2: launches}
        if case["tasks"]:
            want.update({10 + l: 1 for l in range(launches)})
        got = {t: r["profile"].get(t, 0) for t in want}
        if got != want:
            fail(f"{what}: task profile activations {got}, want {want}")
    return cycle, pes


mid_cycle, mid_pes = check_core("mid.cs1", case["mid_dump"] + 1)
end_cycle, end_pes = check_core(f"{args.name}/corefile.cs1", L)
if not mid_cycle <= end_cycle:
    fail(f"the mid-run core's cycle {mid_cycle} is after the final one's {end_cycle}")
for p in PES:  # the PE counters only grow
    if any(a > b for a, b in zip(mid_pes[p]["stats"], end_pes[p]["stats"])):
        fail(f"PE {p}: counters {mid_pes[p]['stats']} on the mid-run core, {end_pes[p]['stats']} at the end")

# get_symbol_rect over random sub-rectangles
for _ in range(8):
    w, h = rng.randint(1, W), rng.randint(1, H)
    x0, y0 = rng.randint(0, W - w), rng.randint(0, H - h)
    holders = [g for c in case["classes"] for g in c["globals"] if g["referenced"]]
    name = rng.choice(holders)["name"]
    inside = [(x, y) for y in range(y0, y0 + h) for x in range(x0, x0 + w)]
    if any(glob(*p, name) and not glob(*p, name)["referenced"] for p in inside):
        continue  # may be absent on some PEs
    lacking = [p for p in inside if glob(*p, name) is None]
    some = next(glob(*p, name) for p in inside if glob(*p, name)) if len(lacking) < len(inside) else None
    dtype = rng.choice([DT[some["type"]]] * 3 + [np.uint8, np.uint16, np.int32, np.float64, np.uint64]) \
        if some else np.uint8
    rect = ((OX + x0, OY + y0), (w, h))
    what = f"get_symbol_rect({rect}, {name!r}, {np.dtype(dtype)})"
    sizes = {size_of(x, y, name) for x, y in inside if (x, y) not in lacking}
    if lacking:
        # Either refusal is right: a PE without the symbol, or (found first) two sizes.
        msg = expect_error(what, lambda: dbg.get_symbol_rect(rect, name, dtype), (KeyError, ValueError), name)
        if msg and not any(f"({OX + x},{OY + y})" in msg for x, y in lacking) and \
                (len(sizes) < 2 or sum(f"{s} " in msg for s in sizes) < 2):
            fail(f"{what}: {msg!r} names no PE that lacks the symbol ({lacking})")
        continue
    if len(sizes) > 1:
        msg = expect_error(what, lambda: dbg.get_symbol_rect(rect, name, dtype), (ValueError,), name)
        if msg and sum(f"{s} " in msg for s in sizes) < 2:
            fail(f"{what}: {msg!r} does not name two of the sizes {sorted(sizes)}")
        continue
    size = sizes.pop()
    if size % np.dtype(dtype).itemsize:
        expect_error(what, lambda: dbg.get_symbol_rect(rect, name, dtype), (ValueError,), name, str(size))
        continue
    want = np.zeros((w, h, size // np.dtype(dtype).itemsize), dtype)
    got = dbg.get_symbol_rect(rect, name, dtype)
    for x, y in inside:
        raw = want_bytes(x, y, L, name)
        if raw is None and isinstance(got, np.ndarray) and got.shape == want.shape:  # a stamp
            raw = dbg.get_symbol(OX + x, OY + y, name, np.uint8).tobytes()
        want[x - x0, y - y0] = view(raw, dtype)
    same(got, want, what)

# debug_util misuse: each error names what was wrong
x, y = rng.choice([p for p in PES if referenced(*p)])
g = rng.choice(referenced(x, y))
LOOKUP = (KeyError, ValueError)
expect_error("get_symbol of an unknown symbol", lambda: dbg.get_symbol(OX + x, OY + y, "no_such_sym", np.uint8),
             LOOKUP, "no_such_sym", f"({OX + x},{OY + y})")
if not (OX <= x < OX + W and OY <= y < OY + H):  # rectangle coordinates that lie outside
    expect_error("get_symbol in rectangle coordinates", lambda: dbg.get_symbol(x, y, g["name"], np.uint8),
                 (ValueError,), f"({x},{y})", "outside")
expect_error("get_symbol east of the rectangle", lambda: dbg.get_symbol(OX + W, OY + y, g["name"], np.uint8),
             (ValueError,), f"({OX + W},{OY + y})")
expect_error("get_symbol south of the rectangle", lambda: dbg.get_symbol(OX + x, OY + H, g["name"], np.uint8),
             (ValueError,), f"({OX + x},{OY + H})")
expect_error("get_symbol_rect reaching past the east edge",
             lambda: dbg.get_symbol_rect(((OX + x, OY + y), (W - x + 1, 1)), g["name"], np.uint8),
             (ValueError,), f"({OX + W},{OY + y})")
expect_error("get_symbol_rect of width 0", lambda: dbg.get_symbol_rect(((OX, OY), (0, 1)), g["name"], np.uint8),
             (ValueError,), "0")
size = size_of(x, y, g["name"])
bad = next(d for d in (np.uint64, np.uint32, np.uint16, np.dtype("V3"), np.dtype("V5"), np.dtype("V7"),
                               np.dtype(f"V{size + 1}"))
           if size % np.dtype(d).itemsize)
expect_error("get_symbol with a dtype that does not divide the symbol",
             lambda: dbg.get_symbol(OX + x, OY + y, g["name"], bad), (ValueError,), g["name"], str(size))
expect_error("read_trace of an unknown key", lambda: dbg.read_trace(OX + x, OY + y, "no_such_key"),
             LOOKUP, "no_such_key", f"({OX + x},{OY + y})")
all_keys = sorted({k["key"] for c in case["classes"] for k in c["keys"]})
for (x, y) in PES:
    mine = {k["key"] for k in cls(x, y)["keys"]}
    others = [k for k in all_keys if k not in mine]
    if others:
        key = rng.choice(others)
        expect_error(f"read_trace of {key!r} on PE ({OX + x},{OY + y}) which has no such <debug> key",
                     lambda: dbg.read_trace(OX + x, OY + y, key), LOOKUP, key, f"({OX + x},{OY + y})")
        break
for (x, y) in PES:
    lacking = [n for n in names if glob(x, y, n) is None]
    if lacking:
        n = rng.choice(lacking)
        expect_error(f"get_symbol of {n!r} on PE ({OX + x},{OY + y}) whose class lacks it",
                     lambda: dbg.get_symbol(OX + x, OY + y, n, np.uint8), LOOKUP, n, f"({OX + x},{OY + y})")
        break

if case.get("strict_types"):
    # Arguments of the wrong type (known-failing/: build/h-randdebug/NOTES.md 1): each must be
    # refused with a TypeError or ValueError naming the call and the value it was given.
    x, y = rng.choice([p for p in PES if referenced(*p)])
    name = rng.choice(referenced(x, y))["name"]
    fx, fy = OX + x, OY + y
    key = (cls(x, y)["keys"] or [{"key": "log"}])[0]["key"]
    for what, call, words in [
            (f"get_symbol('{fx}', {fy})", lambda: dbg.get_symbol(str(fx), fy, name, np.uint8), ["get_symbol", f"'{fx}'"]),
            (f"get_symbol({fx}.0, {fy})", lambda: dbg.get_symbol(float(fx), fy, name, np.uint8), ["get_symbol", f"{fx}.0"]),
            (f"get_symbol(None, {fy})", lambda: dbg.get_symbol(None, fy, name, np.uint8), ["get_symbol", "None"]),
            ("get_symbol(dtype='notatype')", lambda: dbg.get_symbol(fx, fy, name, "notatype"), ["get_symbol", "notatype"]),
            ("get_symbol(dtype=object)", lambda: dbg.get_symbol(fx, fy, name, object), ["get_symbol", "object"]),
            ("get_symbol(dtype=None)", lambda: dbg.get_symbol(fx, fy, name, None), ["get_symbol", "None"]),
            ("get_symbol(symbol=42)", lambda: dbg.get_symbol(fx, fy, 42, np.uint8), ["get_symbol", "42"]),
            ("get_symbol_rect((x, y, w, h))", lambda: dbg.get_symbol_rect((fx, fy, 1, 1), name, np.uint8),
             ["get_symbol_rect", f"({fx}, {fy}, 1, 1)"]),
            ("get_symbol_rect((x, y))", lambda: dbg.get_symbol_rect((fx, fy), name, np.uint8),
             ["get_symbol_rect", f"({fx}, {fy})"]),
            ("get_symbol_rect(w=1.0)", lambda: dbg.get_symbol_rect(((fx, fy), (1.0, 1)), name, np.uint8),
             ["get_symbol_rect", "1.0"]),
            (f"read_trace('{fx}', {fy})", lambda: dbg.read_trace(str(fx), fy, key), ["read_trace", f"'{fx}'"]),
            (f"read_trace({fx}, {fy}.5)", lambda: dbg.read_trace(fx, fy + 0.5, key), ["read_trace", f"{fy}.5"])]:
        expect_error(what, call, (TypeError, ValueError), *words)

if failures:
    sys.exit(f"FAIL seed {case['seed']}: {len(failures)} check(s) failed")
print(f"seed {case['seed']}: {W}x{H} at ({OX},{OY}), {len(case['classes'])} class(es), {L} launches: "
      "all values, traces and errors as the model says")
print("SUCCESS!")

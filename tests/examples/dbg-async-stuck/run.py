#!/usr/bin/env cs_python
"""dbg-async-stuck: what the core dump says about work left waiting when every launch
returned. PE 1's async @fmovs received 4 of 6 wavelets (its callback never ran); PE 2's
data task is blocked with 3 wavelets queued. stop() warns about the undelivered wavelets
(naming PE, count, color); debug_util reads the 4 values and the untouched flags; the
core's chunks (docs/coredump.md) show the async op on its microthread (3 = the input
queue on WSE-2, ut 4 on WSE-3) waiting at 4/6 at the marked line, PE 2's queued wavelets
front first with their payloads, its input-queue fill and blocked bit, and no profile
entry for the tasks that never ran."""
import argparse
import contextlib
import io
import os
import struct

import numpy as np

from cerebras.sdk.debug.debug_util import debug_util
from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
parser.add_argument("--arch", default="wse2")
args = parser.parse_args()

OX, OY = 4, 1
with open("pe_program.csl", encoding="utf-8") as f:
    stuck = [i + 1 for i, l in enumerate(f) if "STUCK-LINE" in l]
STUCK_LINE = stuck[0] if args.arch == "wse3" else stuck[1]
SLOT = 4 if args.arch == "wse3" else 3
SIDE = [0xAAAA0001, 0xBBBB0002, 0xCCCC0003]

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
runner.load()
runner.run()
runner.launch("go", nonblock=False)
err = io.StringIO()
with contextlib.redirect_stderr(err):
    runner.stop()
warning = err.getvalue()
print(warning, end="")
for words in [f"PE({OX + 2},{OY})", "3 wavelet", "color 5", "blocked"]:
    assert words in warning, f"stop()'s warning does not name {words!r}: {warning!r}"

dbg = debug_util(args.name)
np.testing.assert_array_equal(dbg.get_symbol(OX + 1, OY, "got", np.float32),
                              np.array([0.5, -8.0, 3.25, 96.0, 0.0, 0.0], np.float32))
assert dbg.get_symbol(OX + 1, OY, "done", np.uint16)[0] == 0
assert dbg.get_symbol(OX + 2, OY, "side_seen", np.uint16)[0] == 0

with open(os.path.join(args.name, "corefile.cs1"), "rb") as f:
    core = f.read()
table, = struct.unpack_from("<Q", core, 56)


def pe(x):
    at = table + x * 224
    current, activated, blocked = struct.unpack_from("<iQQ", core, at + 12)
    depth, = struct.unpack_from("<I", core, at + 40)
    iq = struct.unpack_from("<24H", core, at + 56)
    oq = struct.unpack_from("<8H", core, at + 104)
    router = struct.unpack_from("<24H", core, at + 120)
    ext, ext_bytes = struct.unpack_from("<QI", core, at + 208)
    chunks, pos = {}, ext
    while pos < ext + ext_bytes:
        tag, n = struct.unpack_from("<4sI", core, pos)
        chunks[tag.decode()] = core[pos + 8:pos + 8 + n]
        pos += 8 + (n + 7) // 8 * 8
    prof = {struct.unpack_from("<i", chunks.get("TPRF", b""), i)[0]
            for i in range(0, len(chunks.get("TPRF", b"")), 40)}
    return dict(current=current, activated=activated, blocked=blocked, depth=depth, iq=iq,
                oq=oq, router=router, chunks=chunks, prof=prof)


p0, p1, p2 = pe(0), pe(1), pe(2)
for x, p in enumerate((p0, p1, p2)):
    assert p["current"] == -1 and p["depth"] == 0, f"PE {x}: main thread {p['current']}"
    assert -2 in p["prof"] and 12 not in p["prof"] and 5 not in p["prof"], (x, p["prof"])
    assert not any(p["oq"]) and not any(p["router"]), (x, p["oq"], p["router"])
assert "DOPS" not in p0["chunks"] and "QUEU" not in p0["chunks"], sorted(p0["chunks"])
assert "DOPS" not in p2["chunks"], sorted(p2["chunks"])

ops = p1["chunks"]["DOPS"]
assert len(ops) == 32, f"PE 1 has {len(ops) // 32} DSD ops in flight"
slot, waiting, is_async, zero, _, total, done, line, _, _, _ = \
    struct.unpack_from("<BBBBIIIIHHQ", ops, 0)
assert (slot, waiting, is_async, zero) == (SLOT, 1, 1, 0), (slot, waiting, is_async, zero)
assert (total, done, line) == (6, 4, STUCK_LINE), (total, done, line)
assert not any(p1["iq"]) and "QUEU" not in p1["chunks"], p1["iq"]

assert p2["iq"][5] == 3 and sum(p2["iq"]) == 3, p2["iq"]
queued = [struct.unpack_from("<BBBBI", p2["chunks"]["QUEU"], i)
          for i in range(0, len(p2["chunks"]["QUEU"]), 8)]
assert queued == [(0, 5, 5, 0, v) for v in SIDE], queued
assert p2["blocked"] >> 5 & 1 and not p0["blocked"] >> 5 & 1, (p0["blocked"], p2["blocked"])
print("SUCCESS!")

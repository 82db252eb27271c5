#!/usr/bin/env cs_python
"""dbg-hang-core: debugging a hang after the fact. The launch must fail with a report that
names the stuck PE (fabric coordinates), the op, its progress (4/6), file:line and the
color; stop() must still end the session and write the core; sim.log must hold the
simprint line printed before the hang (and no other), with the coordinates PE 1's
fmt_with_coords prints; debug_util must read the 4 values that arrived,
each PE's progress marker and trace; and the core's records and chunks (read with a
reader of docs/coredump.md) must show PE 1 inside the launched function with one host
command pending and its @fmovs waiting at 4 of 6 elements at the marked source line."""
import argparse
import os
import re
import struct

import numpy as np

from cerebras.sdk.debug.debug_util import debug_util
from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

OX, OY = 4, 1
with open("pe_program.csl", encoding="utf-8") as f:
    HANG_LINE = 1 + next(i for i, l in enumerate(f) if "HANG-LINE" in l)

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
runner.load()
runner.run()
try:
    runner.launch("go", nonblock=False)
    raise AssertionError("the launch returned although PE 1 cannot finish")
except AssertionError:
    raise
except Exception as err:  # pylint: disable=broad-except
    report = str(err)
print(report)
for words in ["hang", f"PE({OX + 1},{OY})", "@fmovs", "4/6", f"pe_program.csl:{HANG_LINE}",
              "color 3", "unblock_cmd_stream"]:
    assert words in report, f"the hang report does not name {words!r}"
for other in [f"PE({OX},{OY})", f"PE({OX + 2},{OY})"]:
    assert other not in report, f"the report names {other}, which finished"
runner.stop()

with open("sim.log", encoding="utf-8") as f:
    log = f.read().splitlines()
# sim.log's simprint lines are "@<cycle> <text>" (the simulator adds only the cycle);
# PE 1's fmt_with_coords prints its rectangle coordinates, "PE(1,0): ", itself.
prints = [l for l in log if not re.fullmatch(r"@0 (Architecture is: \w+|dimX=\d+, dimY=\d+)", l)]
assert len(prints) == 1 and re.fullmatch(r"@\d+ PE\(1,0\): waits for 6 wavelets", prints[0]), prints

dbg = debug_util(args.name)
got = dbg.get_symbol(OX + 1, OY, "got", np.float32)
np.testing.assert_array_equal(got, np.array([1.5, -2.25, 3.0, 1024.0, 0, 0], np.float32))
stages = dbg.get_symbol_rect(((OX, OY), (3, 1)), "stage", np.uint16)
assert stages.shape == (3, 1, 1) and list(stages.ravel()) == [9, 2, 9], stages.ravel()
assert dbg.read_trace(OX, OY, "log") == [0, "sent"]
assert dbg.read_trace(OX + 1, OY, "log") == [1, "receiving"]
assert dbg.read_trace(OX + 2, OY, "log") == [2, "idle"]

# The core, from docs/coredump.md.
with open(os.path.join(args.name, "corefile.cs1"), "rb") as f:
    core = f.read()
magic, version = struct.unpack_from("<8sI", core, 0)
assert magic == b"TSRCORE\0" and version == 2, (magic, version)
width, height = struct.unpack_from("<II", core, 32)
pe_bytes, = struct.unpack_from("<I", core, 52)
table, = struct.unpack_from("<Q", core, 56)
assert (width, height, pe_bytes) == (3, 1, 224), (width, height, pe_bytes)


def record(x):
    at = table + x * pe_bytes
    current, = struct.unpack_from("<i", core, at + 12)
    function, pc, depth = struct.unpack_from("<iII", core, at + 32)
    iq = struct.unpack_from("<24H", core, at + 56)
    pending, = struct.unpack_from("<I", core, at + 168)
    ext, ext_bytes = struct.unpack_from("<QI", core, at + 208)
    chunks, pos = {}, ext
    while pos < ext + ext_bytes:
        tag, n = struct.unpack_from("<4sI", core, pos)
        chunks[tag.decode()] = core[pos + 8:pos + 8 + n]
        pos += 8 + (n + 7) // 8 * 8
    return current, function, depth, iq, pending, chunks


for x in (0, 2):
    current, function, depth, iq, pending, chunks = record(x)
    assert (current, function, depth, pending) == (-1, -1, 0, 0), (x, current, function, depth)
    assert "DOPS" not in chunks and "FRAM" not in chunks, (x, sorted(chunks))
current, function, depth, iq, pending, chunks = record(1)
assert current == -2, f"PE 1 runs task {current}, not the launched function (-2)"
assert function >= 0 and depth >= 1 and pending >= 1, (function, depth, pending)
assert not any(iq), f"PE 1 has wavelets queued: {iq}"
frames = [struct.unpack_from("<iI", chunks["FRAM"], i) for i in range(0, len(chunks["FRAM"]), 8)]
assert len(frames) == depth and frames[-1][0] == function, (frames, depth, function)
ops = [struct.unpack_from("<BBBBIIIIHHQ", chunks["DOPS"], i)
       for i in range(0, len(chunks["DOPS"]), 32)]
assert len(ops) == 1, ops
slot, waiting, is_async, zero, _, total, done, line, _, _, since = ops[0]
assert (slot, waiting, is_async, zero) == (255, 1, 0, 0), ops[0]
assert (total, done, line) == (6, 4, HANG_LINE), f"op {done}/{total} at line {line}"
print("SUCCESS!")

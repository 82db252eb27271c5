#!/usr/bin/env cs_python
"""timing-stamp-slips: the correct program's guards survive and its stamps grow with the
work; then each slip (a get_timestamp argument that is not a *[3]u16) must be refused by
cslc with its first error at the slip's pe_program.csl line, naming [3]u16 (SDK-NOTES 1.6:
`get_timestamp(*[3]u16)`; cslc's own message for a non-pointer: "get_timestamp expects a
pointer to [3]u16"). A slip that compiles would write the 6-byte stamp past a smaller
target."""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
parser.add_argument("--arch", default="wse2", choices=["wse2", "wse3"])
args = parser.parse_args()

bad = []
runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
words_id = runner.get_id("words")
runner.load()
runner.run()
spans = []
for rounds in (10, 60):
    runner.launch("go", np.uint16(rounds), nonblock=False)
    w = np.zeros(9, dtype=np.uint32)
    runner.memcpy_d2h(w, words_id, 0, 0, 1, 1, 9, streaming=False, order=MemcpyOrder.ROW_MAJOR,
                      data_type=MemcpyDataType.MEMCPY_16BIT, nonblock=False)
    w = w.astype(np.int64)
    if [w[0], w[4], w[8]] != [0xA5A5, 0x5A5A, 0xC3C3]:
        bad.append(f"rounds={rounds}: guards {[hex(v) for v in (w[0], w[4], w[8])]}")
    sa = int(w[1] | (w[2] << 16) | (w[3] << 32))
    sb = int(w[5] | (w[6] << 16) | (w[7] << 32))
    spans.append(sb - sa)
runner.stop()
if not (0 < spans[0] < spans[1]):
    bad.append(f"stamp spans {spans}: not positive and growing with the work")

SLIPS = [
    ("a *[2]u16", "var a = @zeros([3]u16);", "var a = @zeros([2]u16);"),
    ("a *u16", "var a = @zeros([3]u16);", "var a: u16 = 0;"),
    ("a *[3]u32", "var b = @zeros([3]u16);", "var b = @zeros([3]u32);"),
    ("a *f32", "var b = @zeros([3]u16);", "var b: f32 = 0.0;"),
]
here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "pe_program.csl"), encoding="utf-8") as f:
    source = f.read()
for what, old, new in SLIPS:
    var = new.split()[1].rstrip(":")
    line = next(i + 1 for i, l in enumerate(source.splitlines()) if f"time.get_timestamp(&{var});" in l)
    with tempfile.TemporaryDirectory() as tmp:
        for name in ("layout.csl",):
            shutil.copy(os.path.join(here, name), tmp)
        text = source.replace(old, new)
        if var == "a" and "[3]" not in new:
            text = text.replace("words[1 + k] = a[k];", "words[1 + k] = 0;")
        if var == "b":
            text = text.replace("words[5 + k] = b[k];", "words[5 + k] = 0;")
        with open(os.path.join(tmp, "pe_program.csl"), "w", encoding="utf-8") as f:
            f.write(text)
        r = subprocess.run(["cslc", f"--arch={args.arch}", "./layout.csl", "--fabric-dims=8,3",
                            "--fabric-offsets=4,1", "-o", "out", "--memcpy", "--channels", "1"],
                           cwd=tmp, capture_output=True, text=True)
        out = r.stdout + r.stderr
        first = next((l for l in out.splitlines() if "error" in l), "")
        if r.returncode == 0:
            bad.append(f"{what}: cslc accepted get_timestamp(&{var}) (pe_program.csl:{line})")
        elif not re.match(rf"pe_program\.csl:{line}:\d+: error: .*\[3\]u16", first):
            bad.append(f"{what}: first error '{first}', want pe_program.csl:{line} naming [3]u16")
        else:
            print(f"{what}: refused: {first}")
for line in bad:
    print("FAIL:", line)
if bad:
    sys.exit(1)
print("SUCCESS!")

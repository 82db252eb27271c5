#!/usr/bin/env cs_python
"""backpressure-deadlock: three correct swaps, then two deadlocking copies whose child
runs must stop with a report naming both PEs, the send's file:line and the backpressure."""
import argparse
import json
import os
import shutil
import subprocess
import tempfile

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
parser.add_argument("--arch", default="wse2", help="the architecture compiled for")
args = parser.parse_args()

with open(f"{args.name}/out.json", encoding="utf-8") as f:
    n = int(json.load(f)["params"]["n"])

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
ids = {s: runner.get_id(s) for s in ("mine", "theirs")}
runner.load()
runner.run()
i32 = MemcpyDataType.MEMCPY_32BIT
row = MemcpyOrder.ROW_MAJOR
rng = np.random.default_rng(41)
for swap in range(3):
    mine = rng.integers(-(1 << 31), 1 << 31, size=(2, n), dtype=np.int64).astype(np.int32)
    runner.memcpy_h2d(ids["mine"], mine.ravel(), 0, 0, 2, 1, n, streaming=False, order=row,
                      data_type=i32, nonblock=False)
    runner.launch("swap", nonblock=False)
    got = np.zeros(2 * n, dtype=np.int32)
    runner.memcpy_d2h(got, ids["theirs"], 0, 0, 2, 1, n, streaming=False, order=row,
                      data_type=i32, nonblock=False)
    np.testing.assert_array_equal(got.reshape(2, n), mine[::-1])
runner.stop()
print("3 swaps correct")

here = os.path.dirname(os.path.abspath(__file__))
RECV = "  @mov32(theirs_dsd, from_peer, .{ .async = true, .activate = got_id });\n"
SEND = "  @mov32(to_peer, mine_dsd);\n"
variants = [
    # Both send first: each send fills the queues and buffers toward a PE that is not
    # receiving yet.
    ("both send before receiving", "peer.csl", RECV + SEND, SEND + RECV,
     ["PE(4,1)", "PE(5,1)", "peer.csl:{send}", "backpressure"]),
    # PE 1 takes 40 values fewer than PE 0 sends: PE 0's send never ends.
    ("receiver takes too few", "layout.csl",
     ".out_c = west_c, .in_c = east_c, .short = 0", ".out_c = west_c, .in_c = east_c, .short = 40",
     ["PE(4,1)", "peer.csl:{send}", "backpressure"]),
]
dims = "--fabric-dims=9,3"
cslc = ["cslc", f"--arch={args.arch}", "./layout.csl", dims, "--fabric-offsets=4,1",
        f"--params=n:{n}", "-o", "out", "--memcpy", "--channels", "1"]
failures = []
for name, file, old, new, words in variants:
    work = tempfile.mkdtemp(prefix="backpressure-")
    for s in ("layout.csl", "peer.csl", "one_swap.py"):
        shutil.copy(os.path.join(here, s), work)
    text = open(os.path.join(work, file), encoding="utf-8").read()
    assert old in text, (name, old)
    text = text.replace(old, new, 1)
    open(os.path.join(work, file), "w", encoding="utf-8").write(text)
    peer = open(os.path.join(work, "peer.csl"), encoding="utf-8").read().splitlines()
    send_line = next(i for i, l in enumerate(peer, 1) if l == SEND.rstrip("\n"))
    r = subprocess.run(cslc, cwd=work, capture_output=True, text=True)
    assert r.returncode == 0, f"{name}: cslc failed\n{r.stdout}{r.stderr}"
    try:
        r = subprocess.run(["cs_python", "one_swap.py", "--name", "out", "--n", str(n)],
                           cwd=work, capture_output=True, text=True, timeout=120)
    except subprocess.TimeoutExpired:
        failures.append(f"{name}: the child run hung")
        continue
    report = r.stdout + r.stderr
    if r.returncode == 0 or "finished" in r.stdout:
        failures.append(f"{name}: the broken copy finished\n{report}")
        continue
    missing = [w.replace("{send}", str(send_line)) for w in words]
    missing = [w for w in missing if w not in report]
    if missing:
        failures.append(f"{name}: the report lacks {missing}:\n{report[-1500:]}")
    else:
        print(f"reported: {name}")
    shutil.rmtree(work)
for f in failures:
    print("FAIL", f)
assert not failures
print("SUCCESS!")

#!/usr/bin/env cs_python
"""deadlock-zoo: three swaps of the correct program (differences and round counters
checked), then broken copies in a child cs_python: each must stop (not hang) with a
report naming both PEs, what they wait for and the source line."""
import argparse
import json
import os
import re
import shutil
import subprocess
import tempfile

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

with open(f"{args.name}/out.json", encoding="utf-8") as f:
    n = int(json.load(f)["params"]["n"])

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
ids = {s: runner.get_id(s) for s in ("mine", "result", "rounds")}
runner.load()
runner.run()
f32 = MemcpyDataType.MEMCPY_32BIT
row = MemcpyOrder.ROW_MAJOR
rng = np.random.default_rng(5)
for swap in range(1, 4):
    mine = rng.uniform(-4, 4, size=(2, n)).astype(np.float32)
    runner.memcpy_h2d(ids["mine"], mine.ravel(), 0, 0, 2, 1, n, streaming=False, order=row,
                      data_type=f32, nonblock=False)
    runner.launch("swap", nonblock=False)
    got = np.zeros(2 * n, dtype=np.float32)
    runner.memcpy_d2h(got, ids["result"], 0, 0, 2, 1, n, streaming=False, order=row,
                      data_type=f32, nonblock=False)
    want = np.stack([mine[1] - mine[0], mine[0] - mine[1]]).astype(np.float32)
    np.testing.assert_array_equal(got.reshape(2, n), want)
    rounds = np.zeros(4, dtype=np.uint32)
    runner.memcpy_d2h(rounds, ids["rounds"], 0, 0, 2, 1, 2, streaming=False, order=row,
                      data_type=f32, nonblock=False)
    np.testing.assert_array_equal(rounds, np.full(4, swap, dtype=np.uint32))
runner.stop()
print("3 swaps correct")

here = os.path.dirname(os.path.abspath(__file__))
RECV = "@fmovs(theirs_dsd, from_peer, .{ .async = true, .ut_id = @get_ut_id(4), .activate = got_id });"
SEND = "@fmovs(to_peer, mine_dsd, .{ .async = true, .ut_id = @get_ut_id(5), .unblock = finish_id });"
# (name, file, old text, new text, words the report must hold; "{recv}"/"{send}" become
# swap.csl:<line> of the receive / the send: a main thread that waits to start the send
# on a busy microthread must say which operation waits, not only which one runs; "re:"
# words are regular expressions)
variants = [
    ("synchronous receive before the send", "swap.csl", RECV,
     "@fmovs(theirs_dsd, from_peer); @activate(got_id);",
     ["PE(4,1)", "PE(5,1)", "{recv}", "color 7 (iq 2)", "color 6 (iq 2)", "0/"]),
    ("send on the receive's microthread", "swap.csl", SEND, SEND.replace("(5)", "(4)"),
     ["PE(4,1)", "PE(5,1)", "busy microthread", "microthread 4", "{recv}", "{send}"]),
    ("receive one element too many", "swap.csl",
     "@get_dsd(fabin_dsd, .{ .extent = n,", "@get_dsd(fabin_dsd, .{ .extent = n + 1,",
     ["PE(4,1)", "PE(5,1)", "{recv}", f"{n}/{n + 1}", "color 7", "color 6"]),
    ("input queue never bound to its color", "swap.csl",
     "  @initialize_queue(in_q, .{ .color = in_c });\n", "",
     ["PE(4,1)", "PE(5,1)", "{recv}", "no @initialize_queue bound input queue 2"]),
    ("finish is never unblocked", "swap.csl", SEND, SEND.replace(", .unblock = finish_id", ""),
     ["PE(4,1)", "PE(5,1)", "re:\\bfinish\\b|local task 11", "blocked"]),
]

cslc = ["cslc", "--arch=wse3", "./layout.csl", "--fabric-dims=9,3", "--fabric-offsets=4,1",
        f"--params=n:{n}", "-o", "out", "--memcpy", "--channels", "1"]
failures = []
for name, file, old, new, words in variants:
    work = tempfile.mkdtemp(prefix="deadlock-")
    for s in ("layout.csl", "swap.csl", "one_swap.py"):
        shutil.copy(os.path.join(here, s), work)
    text = open(os.path.join(here, file), encoding="utf-8").read()
    assert old in text, (name, old)
    lines = text.splitlines()
    recv_line = next(i for i, l in enumerate(lines, 1) if "theirs_dsd, from_peer" in l)
    send_line = next(i for i, l in enumerate(lines, 1) if "to_peer, mine_dsd" in l)
    text = text.replace(old, new, 1)
    open(os.path.join(work, file), "w", encoding="utf-8").write(text)
    r = subprocess.run(cslc, cwd=work, capture_output=True, text=True)
    assert r.returncode == 0, f"{name}: cslc failed\n{r.stdout}{r.stderr}"
    try:
        r = subprocess.run(["cs_python", "one_swap.py", "--name", "out", "--n", str(n)],
                           cwd=work, capture_output=True, text=True, timeout=120)
    except subprocess.TimeoutExpired:
        failures.append(f"{name}: the child run hung (no report within 120 s)")
        continue
    report = r.stdout + r.stderr
    if r.returncode == 0 or "finished" in r.stdout:
        failures.append(f"{name}: the broken copy finished\n{report}")
        continue
    missing = [w.replace("{recv}", f"swap.csl:{recv_line}").replace("{send}", f"swap.csl:{send_line}")
               for w in words]
    missing = [w for w in missing
               if (not re.search(w[3:], report) if w.startswith("re:") else w not in report)]
    if missing:
        msg = re.findall(r"ABORTED: .*(?:\n  PE.*)*", report)
        failures.append(f"{name}: report lacks {missing}:\n{msg[0] if msg else report}")
    else:
        print(f"reported: {name}")
    shutil.rmtree(work)
for f in failures:
    print("FAIL", f)
assert not failures, f"{len(failures)} variant(s) not reported clearly"
print("SUCCESS!")

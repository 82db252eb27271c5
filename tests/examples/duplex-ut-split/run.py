#!/usr/bin/env cs_python
"""duplex-ut-split: three swaps (k = 2, -0.5, 3) of 64-element vectors between the two
PEs with explicit microthreads, each PE's `theirs` checked bit for bit against the
partner's `mine * k` (float32), `mine` unchanged. Then the program is compiled with the
default microthreads and run by a child `cs_python run.py --stall-check`; its launch must
fail as a stall on a busy microthread (the simulator's hang report), not return."""
import argparse
import json
import subprocess

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
parser.add_argument("--stall-check", action="store_true",
                    help="one swap only (the default-microthread build must stall)")
args = parser.parse_args()

with open(f"{args.name}/out.json", encoding="utf-8") as f:
    params = json.load(f)["params"]
n = int(params["n"])

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
mine_id = runner.get_id("mine")
theirs_id = runner.get_id("theirs")
runner.load()
runner.run()
w32 = MemcpyDataType.MEMCPY_32BIT
row = MemcpyOrder.ROW_MAJOR

rng = np.random.default_rng(64)
for k in (np.float32(2.0), np.float32(-0.5), np.float32(3.0)):
    mine = rng.uniform(-1e4, 1e4, size=(2, n)).astype(np.float32)
    runner.memcpy_h2d(mine_id, mine.ravel(), 0, 0, 2, 1, n, streaming=False, order=row,
                      data_type=w32, nonblock=False)
    runner.launch("swap", k, nonblock=False)
    if args.stall_check:
        raise SystemExit("the swap returned with default microthreads")
    theirs = np.zeros(2 * n, dtype=np.float32)
    runner.memcpy_d2h(theirs, theirs_id, 0, 0, 2, 1, n, streaming=False, order=row,
                      data_type=w32, nonblock=False)
    np.testing.assert_array_equal(theirs.reshape(2, n), (mine[::-1] * k).astype(np.float32))
    back = np.zeros(2 * n, dtype=np.float32)
    runner.memcpy_d2h(back, mine_id, 0, 0, 2, 1, n, streaming=False, order=row,
                      data_type=w32, nonblock=False)
    np.testing.assert_array_equal(back.reshape(2, n), mine)
    print(f"swap with k = {k}: ok")
runner.stop()

subprocess.run(["cslc", "--arch=wse3", "layout.csl", "--fabric-dims=9,3",
                "--fabric-offsets=4,1", f"--params=n:{n},explicit_uts:0", "-o",
                "out_default", "--memcpy", "--channels=1"], check=True)
child = subprocess.run(["cs_python", "run.py", "--name", "out_default", "--stall-check"],
                       capture_output=True, text=True, timeout=240, check=False)
report = child.stdout + child.stderr
assert child.returncode != 0, report
assert "hang" in report and "busy microthread" in report, report
print("default microthreads: the swap stalls as expected")
print("SUCCESS!")

#!/usr/bin/env cs_python
"""ctrl-data-runtime: every control wavelet of a script must run the control task it names
on the listener, in order, with the script's 16-bit data (0 and 0xffff included), whichever
of the two encoders built it; three scripts, the last of length 1."""
import argparse
import json
import sys
import time

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

with open(f"{args.name}/out.json", encoding="utf-8") as f:
    N = int(json.load(f)["params"]["n"])
ROW = MemcpyOrder.ROW_MAJOR
rng = np.random.default_rng(8)
TAGS = [10, 20, 30]

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
script_id, log_id = runner.get_id("script"), runner.get_id("log")
runner.load()
runner.run()
bad = []
for m in (N, 17, 1):
    which = rng.integers(0, 3, m)
    data = rng.integers(0, 2**16, m)
    data[:2] = [0, 0xffff][:m] if m >= 2 else [0xffff]
    single = rng.integers(0, 2, m)
    script = np.zeros(3 * N, dtype=np.uint32)
    script[0:3 * m:3], script[1:3 * m:3], script[2:3 * m:3] = which, data, single
    runner.memcpy_h2d(script_id, np.tile(script, 2), 0, 0, 2, 1, 3 * N, streaming=False,
                      order=ROW, data_type=MemcpyDataType.MEMCPY_16BIT, nonblock=False)
    runner.launch("play", np.uint16(m), nonblock=False)
    for _ in range(50):
        log = np.zeros(2 * (2 * N + 1), dtype=np.uint32)
        runner.memcpy_d2h(log, log_id, 0, 0, 2, 1, 2 * N + 1, streaming=False, order=ROW,
                          data_type=MemcpyDataType.MEMCPY_32BIT, nonblock=False)
        log = log.reshape(2, 2 * N + 1)[1]
        if log[0] >= m:
            break
        time.sleep(0.01)
    if log[0] != m:
        bad.append(f"script of {m}: {log[0]} control tasks ran")
        continue
    tags, got = log[1:2 * m + 1:2], log[2:2 * m + 2:2]
    want_tags = np.array([TAGS[w] for w in which])
    for k in np.flatnonzero((tags != want_tags) | (got != data))[:5]:
        bad.append(f"script of {m}, wavelet {k} ({'single' if single[k] else 'with_data'}): "
                   f"task {tags[k]} data {got[k]:#x}, want {want_tags[k]} data {data[k]:#x}")
runner.stop()
for b in bad:
    print(b)
if bad:
    print(f"FAIL: {len(bad)} problems")
    sys.exit(1)
print("SUCCESS!")

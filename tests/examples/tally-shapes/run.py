#!/usr/bin/env cs_python
"""tally-shapes: the corner PE's callback runs exactly once, after every PE signalled, with
the sum of every bump in local_tally; every PE's own local_tally before signalling is the
sum of its own bumps. Bumps come from the host (zeros skipped, sizes up to 2^20), so some
PEs count nothing."""
import argparse
import json
import sys

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
parser.add_argument("--seed", type=int, default=1)
args = parser.parse_args()

with open(f"{args.name}/out.json", encoding="utf-8") as f:
    p = json.load(f)["params"]
W, H, M, PHASE2 = int(p["width"]), int(p["height"]), int(p["m"]), int(p["phase2"])
ROW, B32 = MemcpyOrder.ROW_MAJOR, MemcpyDataType.MEMCPY_32BIT

# Bumps chosen so that their total is `phase2` when phase 2 is used.
rng = np.random.default_rng(args.seed * 100 + W * 10 + H)
bumps = rng.integers(0, 50, (H, W, M)).astype(np.uint32)
bumps[rng.random((H, W, M)) < 0.4] = 0
bumps[0, 0, :] = 0  # PE (0, 0) counts nothing
if W * H > 1:
    bumps[H - 1, W - 1, 0] = 1 << 20
if PHASE2:
    rest = int(bumps.sum())
    assert rest <= PHASE2, (rest, PHASE2)
    extra = PHASE2 - rest
    bumps[H // 2, W // 2, M - 1] += np.uint32(extra)
total = int(bumps.sum())

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
b_id, r_id = runner.get_id("bumps"), runner.get_id("result")
runner.load()
runner.run()
runner.memcpy_h2d(b_id, bumps.ravel(), 0, 0, W, H, M, streaming=False, order=ROW,
                  data_type=B32, nonblock=False)
runner.launch("go", nonblock=False)
res = np.zeros(W * H * 3, dtype=np.uint32)
runner.memcpy_d2h(res, r_id, 0, 0, W, H, 3, streaming=False, order=ROW, data_type=B32,
                  nonblock=False)
runner.stop()
res = res.reshape(H, W, 3)

bad = []
own = bumps.sum(axis=2)
if not (res[:, :, 0] == own).all():
    bad.append(f"own local_tally {res[:, :, 0].tolist()} want {own.tolist()}")
corner = res[0, W - 1]
if corner[2] != 1:
    bad.append(f"callback ran {corner[2]} times")
if corner[1] != total:
    bad.append(f"corner's whole tally {corner[1]}, want {total}")
others = res[:, :, 2].copy()
others[0, W - 1] = 0
if others.any():
    bad.append(f"callbacks off the corner: {others.tolist()}")
print(f"{W}x{H} phase2={PHASE2}: total {total}")
for b in bad:
    print(b)
if bad:
    print("FAIL")
    sys.exit(1)
print("SUCCESS!")

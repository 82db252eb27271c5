#!/usr/bin/env cs_python
"""flush-storm-48: two runs of `steps` steps on every PE; the draws of all PEs using one
generator must agree (each PE's generators start alike and are used once per step), and
every final value must equal a model fed with those draws."""
import argparse
import json
import time

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

with open(f"{args.name}/out.json", encoding="utf-8") as f:
    params = json.load(f)["params"]
w, h, steps = (int(params[k]) for k in ("width", "height", "steps"))

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
ids = {s: runner.get_id(s) for s in ("value", "draws")}
runner.load()
runner.run()
u32 = MemcpyDataType.MEMCPY_32BIT
row = MemcpyOrder.ROW_MAJOR
rng = np.random.default_rng(48)
start = time.time()
for run in (1, 2):
    v0 = rng.integers(0, 1 << 32, size=(h, w), dtype=np.uint32)
    runner.memcpy_h2d(ids["value"], v0.ravel(), 0, 0, w, h, 1, streaming=False, order=row,
                      data_type=u32, nonblock=False)
    runner.launch("run", nonblock=False)
    draws = np.zeros(w * h * steps, dtype=np.uint32)
    runner.memcpy_d2h(draws, ids["draws"], 0, 0, w, h, steps, streaming=False, order=row,
                      data_type=u32, nonblock=False)
    draws = draws.reshape(h, w, steps)
    got = np.zeros(w * h, dtype=np.uint32)
    runner.memcpy_d2h(got, ids["value"], 0, 0, w, h, 1, streaming=False, order=row,
                      data_type=u32, nonblock=False)
    got = got.reshape(h, w)
    parity = (np.arange(w)[None, :] + np.arange(h)[:, None]) % 2
    for g in (0, 1):
        seqs = draws[parity == g]
        assert (seqs == seqs[0]).all(), f"run {run}: generator {g} draws differ between PEs"
        assert len(set(seqs[0].tolist())) > 1
    v = v0.astype(np.uint64)
    for s in range(steps):
        west = np.zeros_like(v)
        west[:, 1:] = v[:, :-1]
        north = np.zeros_like(v)
        north[1:, :] = v[:-1, :]
        north ^= 0x5A5A  # the top row mixes in 0 ^ 0x5a5a
        v = (v * 3 + west + north + draws[:, :, s]) & 0xFFFFFFFF
    np.testing.assert_array_equal(got, v.astype(np.uint32), err_msg=f"run {run}")
    print(f"run {run}: {w}x{h} PEs, {steps} steps, values match")
print(f"{time.time() - start:.1f} s")
runner.stop()
print("SUCCESS!")

#!/usr/bin/env cs_python
"""ctrl-table-rotor: two rounds of a random script played from PE 0 to PE 1 over three
colors; PE 1's logs (per color, in arrival order), rotation entries and counters checked
exactly against a model of the documented rules."""
import argparse
import json

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

with open(f"{args.name}/out.json", encoding="utf-8") as f:
    params = json.load(f)["params"]
script_len, log_len = int(params["script_len"]), int(params["log_len"])

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
names = ("script", "log_mixed", "log_ctrl", "log_rot", "counts")
ids = {name: runner.get_id(name) for name in names}
runner.load()
runner.run()
u32 = MemcpyDataType.MEMCPY_32BIT
row = MemcpyOrder.ROW_MAJOR


def read(name, n):
    out = np.zeros(n, dtype=np.uint32)
    runner.memcpy_d2h(out, ids[name], 1, 0, 1, 1, n, streaming=False, order=row,
                      data_type=u32, nonblock=False)
    return out


rng = np.random.default_rng(2024)
LIMIT, INIT = 2, 1
log_mixed, log_ctrl, log_rot = [], [], []
kinds_total = [0, 0, 0, 0]
rotation = INIT
alts = 0
for round_no, n in enumerate((script_len, 41), start=1):
    kinds = rng.integers(0, 4, size=n)
    script = np.zeros(script_len, dtype=np.uint32)
    for i, kind in enumerate(kinds):
        if kind in (0, 3):
            value = int(rng.integers(0, 1 << 30))
            script[i] = (int(kind) << 30) | value
            if kind == 0:
                log_mixed.append(value)
            else:
                if rotation == LIMIT:
                    log_rot.append(0xA0000000 | (kinds_total[3] + sum(1 for k in kinds[:i] if k == 3)))
                    rotation = 0
                    alts += 1
                rotation += 1
                log_rot.append(value)
        else:
            k = int(rng.integers(0, 4))
            d = int(rng.integers(0, 1 << 16))
            script[i] = (int(kind) << 30) | (k << 16) | d
            entry = k + 1
            if kind == 1:
                log_mixed.append(0x80000000 | (entry << 16) | d)
            else:
                log_ctrl.append((entry << 16) | d)
    for kind in range(4):
        kinds_total[kind] += int(np.sum(kinds == kind))
    runner.memcpy_h2d(ids["script"], script, 0, 0, 1, 1, script_len, streaming=False,
                      order=row, data_type=u32, nonblock=False)
    runner.launch("play", np.uint16(n), nonblock=False)
    runner.launch("expect", np.uint16(kinds_total[0] + kinds_total[1]), np.uint16(kinds_total[2]),
                  np.uint16(kinds_total[3]), nonblock=False)

    got = read("log_mixed", log_len)
    np.testing.assert_array_equal(got[:len(log_mixed)], np.array(log_mixed, dtype=np.uint32))
    assert not got[len(log_mixed):].any()
    got = read("log_ctrl", log_len)
    np.testing.assert_array_equal(got[:len(log_ctrl)], np.array(log_ctrl, dtype=np.uint32))
    assert not got[len(log_ctrl):].any()
    got = read("log_rot", log_len)
    np.testing.assert_array_equal(got[:len(log_rot)], np.array(log_rot, dtype=np.uint32))
    assert not got[len(log_rot):].any()
    counts = read("counts", 8)
    want = [kinds_total[0], kinds_total[1], kinds_total[2], kinds_total[3], alts,
            kinds_total[0] // 5, round_no, 0]
    np.testing.assert_array_equal(counts, np.array(want, dtype=np.uint32))
    print(f"round {round_no}: {n} items, {alts} rotations so far")
runner.stop()
print("SUCCESS!")

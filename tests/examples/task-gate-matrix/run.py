#!/usr/bin/env cs_python
"""task-gate-matrix: three rounds of (matrix launch, exchange launch) with other stream
lengths; the logs are read once at the end, so a task that ran late would show up in a
later round's events."""
import argparse

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

row = MemcpyOrder.ROW_MAJOR
u32 = MemcpyDataType.MEMCPY_32BIT
rng = np.random.default_rng(5)

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
log_id = runner.get_id("log")
vals_id = runner.get_id("vals")
runner.load()
runner.run()

lengths = [5, 40, 1]  # 40 > what the queues and links hold while the task is blocked
sent = []
for m in lengths:
    v = rng.integers(1, 2**32, size=40, dtype=np.uint64).astype(np.uint32)
    runner.memcpy_h2d(vals_id, np.concatenate([v, np.zeros(40, np.uint32)]), 0, 0, 2, 1, 40,
                      streaming=False, order=row, data_type=u32, nonblock=False)
    runner.launch("matrix", nonblock=False)
    runner.launch("exchange", np.uint16(m), nonblock=False)
    got = np.zeros(80, dtype=np.uint32)
    runner.memcpy_d2h(got, vals_id, 0, 0, 2, 1, 40, streaming=False, order=row, data_type=u32,
                      nonblock=False)
    assert np.array_equal(got[40:40 + m], v[:m]), f"m={m}: received {got[40:40 + m]}, sent {v[:m]}"
    sent.append(m)
log = np.zeros(2 * 128, dtype=np.uint32)
runner.memcpy_d2h(log, log_id, 0, 0, 2, 1, 128, streaming=False, order=row, data_type=u32,
                  nonblock=False)
runner.stop()

log = log.reshape(2, 128)
for x in range(2):
    entries = [(int(w) >> 16, int(w) & 0xFFFF) for w in log[x] if w]
    assert len(entries) == 3 * 8 + 3 * 2, f"PE {x}: {len(entries)} events: {entries}"
    for r in range(1, 7):
        ev = [c for c, rr in entries if rr == r]
        if r % 2 == 1:  # a matrix round
            want = {100: 1, 101: 1, 1: 1, 2: 1, 3: 1, 51: 1, 52: 1, 6: 1}
            counts = {c: ev.count(c) for c in set(ev)}
            assert counts == want, f"PE {x} round {r}: task runs {counts}, want {want} ({ev})"
            pos = {c: ev.index(c) for c in ev}
            assert pos[100] == 0 and pos[101] == 1, f"PE {x} round {r}: a task ran inside the launch: {ev}"
            assert pos[2] < pos[1], f"PE {x} round {r}: the blocked task ran before its unblocker: {ev}"
            assert pos[51] < pos[6] < pos[52], f"PE {x} round {r}: self-blocker order {ev}"
        else:
            want = [9, 7] if x == 0 else [10, 8]
            assert ev == want, f"PE {x} round {r}: {ev}, want {want} (10 = no wavelet taken while blocked)"
print("SUCCESS!")

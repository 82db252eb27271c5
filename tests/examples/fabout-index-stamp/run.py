#!/usr/bin/env cs_python
"""fabout-index-stamp: two sends with different indices (every wavelet of a send carries
that send's index in its high half), then two bumps of the receiver's memory window."""
import argparse

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

row = MemcpyOrder.ROW_MAJOR
u16 = MemcpyDataType.MEMCPY_16BIT
u32 = MemcpyDataType.MEMCPY_32BIT

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
vals_id = runner.get_id("vals")
log_id = runner.get_id("log")
runner.load()
runner.run()

sender_vals = np.array([0x0101, 0x0202, 0x0303, 0x0404] + [0] * 12, dtype=np.uint32)
recv_vals = np.arange(100, 116, dtype=np.uint32)
runner.memcpy_h2d(vals_id, np.concatenate([sender_vals, recv_vals]), 0, 0, 2, 1, 16,
                  streaming=False, order=row, data_type=u16, nonblock=False)
failures = []
expected = []
for k in (7, 0x1234):
    runner.launch("send", np.uint16(k), nonblock=False)
    expected += [(k << 16) | int(v) for v in sender_vals[:4]]
    log = np.zeros(2 * 17, dtype=np.uint32)
    runner.memcpy_d2h(log, log_id, 0, 0, 2, 1, 17, streaming=False, order=row, data_type=u32,
                      nonblock=False)
    got = [int(v) for v in log[17:17 + min(16, int(log[33]))]]
    if got != expected:
        failures.append(f"after send(index={k:#x}): received (index << 16 | value) "
                        f"{[hex(v) for v in got]}, the page: {[hex(v) for v in expected]}")

want = recv_vals.copy()
for k in (3, 10):
    runner.launch("bump", np.uint16(k), nonblock=False)
    want[k:k + 4] += 42
got = np.zeros(32, dtype=np.uint32)
runner.memcpy_d2h(got, vals_id, 0, 0, 2, 1, 16, streaming=False, order=row, data_type=u16,
                  nonblock=False)
if not np.array_equal(got[16:], want):
    failures.append(f"memory window moved by .index: {got[16:].tolist()}, want {want.tolist()}")
runner.stop()

for f in failures:
    print("MISMATCH", f)
assert not failures, f"{len(failures)} mismatches"
print("SUCCESS!")

#!/usr/bin/env cs_python
"""on-control-actions: rounds (mode, n): arm the receiver, send n words and a control
wavelet; after each round the receiver's log and buffer must show exactly one action with n
words received, and the words themselves in order."""
import argparse

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

row = MemcpyOrder.ROW_MAJOR
u32 = MemcpyDataType.MEMCPY_32BIT

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
buf_id = runner.get_id("buf")
log_id = runner.get_id("log")
runner.load()
runner.run()

failures = []
expected = []
for r, (mode, n) in enumerate([(0, 5), (1, 9), (0, 0), (1, 20), (0, 12)]):
    base = 0x1000 * (r + 1)
    runner.launch("arm", np.uint16(mode), nonblock=False)
    runner.launch("send", np.uint16(n), np.uint32(base), nonblock=False)
    expected.append((0xA0000 if mode == 0 else 0xB0000) | n)
    log = np.zeros(2 * 17, dtype=np.uint32)
    runner.memcpy_d2h(log, log_id, 0, 0, 2, 1, 17, streaming=False, order=row, data_type=u32,
                      nonblock=False)
    got = [int(v) for v in log[17:17 + min(16, int(log[33]))]]
    if got != expected:
        failures.append(f"round {r} (mode {mode}, n {n}): log {[hex(v) for v in got]}, "
                        f"want {[hex(v) for v in expected]}")
    buf = np.zeros(2 * 64, dtype=np.uint32)
    runner.memcpy_d2h(buf, buf_id, 0, 0, 2, 1, 64, streaming=False, order=row, data_type=u32,
                      nonblock=False)
    want = np.full(64, 0xFFFFFFFF, dtype=np.uint32)
    want[:n] = base + np.arange(n)
    if not np.array_equal(buf[64:], want):
        failures.append(f"round {r}: buffer {buf[64:64 + n + 2].tolist()}...")
runner.stop()

for f in failures:
    print("MISMATCH", f)
assert not failures, f"{len(failures)} mismatches"
print("SUCCESS!")

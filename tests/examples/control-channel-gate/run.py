#!/usr/bin/env cs_python
"""control-channel-gate: steps of (send | open | close), the receiver's log read after each
and compared with what the task-ids page allows to have run by then."""
import argparse

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

row = MemcpyOrder.ROW_MAJOR
u32 = MemcpyDataType.MEMCPY_32BIT
BARE, SHARED, DATA = 0x10000, 0x20000, 0x30000

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
log_id = runner.get_id("log")
runner.load()
runner.run()


def read_log():
    buf = np.zeros(2 * 33, dtype=np.uint32)
    runner.memcpy_d2h(buf, log_id, 0, 0, 2, 1, 33, streaming=False, order=row, data_type=u32,
                      nonblock=False)
    n = int(buf[33 + 32])
    return [int(v) for v in buf[33:33 + min(n, 32)]], n


# (step, args, entries that must have run after it, in per-channel order)
steps = [
    ("send", (0x11, 0x22, 0x33), [SHARED | 0x22, DATA | 0x33]),   # bare: never unblocked
    ("open", (), [BARE | 0x11]),
    ("send", (0x44, 0, 0), [BARE | 0x44]),
    ("close", (), []),
    ("send", (0x55, 0x66, 0x77), []),                             # both channels blocked
    ("open", (), [BARE | 0x55, SHARED | 0x66, DATA | 0x77]),
]
failures = []
expected = []
for k, (step, a, new) in enumerate(steps):
    if step == "send":
        runner.launch("send", *[np.uint16(v) for v in a], nonblock=False)
    else:
        runner.launch(step, nonblock=False)
    expected += new
    got, n = read_log()
    # Across the two channels the page gives no order; within one it is arrival order.
    for chan in ((BARE,), (SHARED, DATA)):
        g = [v for v in got if v & 0xF0000 in chan]
        e = [v for v in expected if v & 0xF0000 in chan]
        if g != e:
            failures.append(f"after step {k} ({step}{a}): channel {[hex(c) for c in chan]} "
                            f"ran {[hex(v) for v in g]}, the page allows exactly {[hex(v) for v in e]}")
    if n != len(expected):
        failures.append(f"after step {k}: {n} task runs, want {len(expected)}")
runner.stop()

for f in failures:
    print("MISMATCH", f)
assert not failures, f"{len(failures)} mismatches"
print("SUCCESS!")

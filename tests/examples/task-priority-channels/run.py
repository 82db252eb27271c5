#!/usr/bin/env cs_python
"""task-priority-channels: three rounds of four wavelets (data, data, control, data) queued
behind a blocked channel, then released together with a local task. The channel HIGH
(round 1, set at comptime; round 3, set back at run time): the wavelets' tasks run before
the local one. The local task HIGH (round 2): it runs first."""
import argparse

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port or unix:PATH of an appliance")
args = parser.parse_args()

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
log_id = runner.get_id("log")
runner.load()
runner.run()
for mode in (0, 1, 2):
    runner.launch("send", np.uint16(100 * (mode + 1)), nonblock=False)
    runner.launch("release", np.uint16(mode), nonblock=False)
log = np.zeros(33, dtype=np.uint32)
runner.memcpy_d2h(log, log_id, 1, 0, 1, 1, 33, streaming=False,
                  order=MemcpyOrder.ROW_MAJOR, data_type=MemcpyDataType.MEMCPY_32BIT,
                  nonblock=False)
runner.stop()


def wavelets(base):
    return [0x10000 | base, 0x10000 | (base + 1), 0x20000 | (base + 2), 0x10000 | (base + 3)]


want = (wavelets(100) + [0x30001]
        + [0x30002] + wavelets(200)
        + wavelets(300) + [0x30003])
got = [int(v) for v in log[:int(log[32])]]
if got != want:
    raise SystemExit(f"FAILED: ran {[hex(v) for v in got]}\n        want {[hex(v) for v in want]}")
print("SUCCESS!")

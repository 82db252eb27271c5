#!/usr/bin/env cs_python
"""hostile-script-fork: a host script that forks while its session is open: a raw
os.fork() child that ends normally (sys.exit), one that ends by an exception, and a
multiprocessing pool (fork start method) doing numpy work. After each, the parent's session
must still work: v = 0..7, scale(k), read back and checked. Prints 'fork ok' at the end."""
import argparse
import multiprocessing
import os
import sys

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name")
args = parser.parse_args()
N, BIAS = 4, np.float32(0.5)


def square_sum(x):
    return int(np.sum(np.arange(x) ** 2))


runner = SdkRuntime(args.name)
v = runner.get_id("v")
runner.load()
runner.run()


def round_trip(k):
    start = np.arange(2 * N, dtype=np.float32)
    runner.memcpy_h2d(v, start, 0, 0, 2, 1, N, streaming=False, order=MemcpyOrder.ROW_MAJOR,
                      data_type=MemcpyDataType.MEMCPY_32BIT, nonblock=False)
    runner.launch("scale", np.float32(k), nonblock=False)
    got = np.zeros(2 * N, np.float32)
    runner.memcpy_d2h(got, v, 0, 0, 2, 1, N, streaming=False, order=MemcpyOrder.ROW_MAJOR,
                      data_type=MemcpyDataType.MEMCPY_32BIT, nonblock=False)
    assert np.array_equal(got, start * np.float32(k) + BIAS), (k, got)


round_trip(2.0)
for how in ("exit", "raise"):
    pid = os.fork()
    if pid == 0:
        print(f"child ({how}) ends", flush=True)
        if how == "raise":
            raise RuntimeError("a child's error")
        sys.exit(0)
    _, status = os.waitpid(pid, 0)
    print(f"child ({how}) reaped, status {status}", flush=True)
    round_trip(-1.5)
with multiprocessing.get_context("fork").Pool(2) as pool:
    assert pool.map(square_sum, [3, 4]) == [5, 14]
round_trip(0.25)
runner.stop()
print("fork ok")

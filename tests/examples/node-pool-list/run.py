#!/usr/bin/env cs_python
"""node-pool-list: two launches insert host keys into the PE's sorted list (the second
adds to the first's list); after each, the keys read back in order must be Python's
sorted() of all keys so far, and the digest the same u64 hash computed with Python ints."""
import argparse

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

POOL = 16
GOLDEN = int(1.1400714819323198e19)  # the double's exact value, as @as(u64, ...) gives
M64 = (1 << 64) - 1
batches = [np.array([907, 12, 65534, 12, 300, 1, 4000, 77], dtype=np.uint16),
           np.array([5, 65000, 300, 0, 88, 2, 999, 31000], dtype=np.uint16)]

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
keys_id = runner.get_id("keys")
sorted_id = runner.get_id("sorted")
digest_id = runner.get_id("digest")
runner.load()
runner.run()
row = MemcpyOrder.ROW_MAJOR
u16, u32 = MemcpyDataType.MEMCPY_16BIT, MemcpyDataType.MEMCPY_32BIT
seen = []
for batch in batches:
    runner.memcpy_h2d(keys_id, batch.astype(np.uint32), 0, 0, 1, 1, len(batch), streaming=False,
                      order=row, data_type=u16, nonblock=False)
    runner.launch("insert_all", np.uint16(len(batch)), nonblock=False)
    seen += [int(k) for k in batch]
    want = sorted(seen)
    h = 0
    for k in want:
        h = ((h ^ k) * GOLDEN) & M64
    got_sorted = np.zeros(POOL, dtype=np.uint32)
    runner.memcpy_d2h(got_sorted, sorted_id, 0, 0, 1, 1, POOL, streaming=False, order=row,
                      data_type=u16, nonblock=False)
    got_digest = np.zeros(3, dtype=np.uint32)
    runner.memcpy_d2h(got_digest, digest_id, 0, 0, 1, 1, 3, streaming=False, order=row,
                      data_type=u32, nonblock=False)
    assert list(got_sorted[:len(want)]) == want, (list(got_sorted), want)
    assert list(got_digest) == [len(want), h & 0xFFFFFFFF, h >> 32], (list(got_digest), h)
runner.stop()
print("SUCCESS!")

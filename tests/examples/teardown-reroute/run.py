#!/usr/bin/env cs_python
"""teardown-reroute: PE k must hold block k-1 (its own phase) followed by block 3 (the
broadcast), and each router must have executed the teardowns that passed it (the dealer
and PE 1 all three, PE 2 the last two, PE 3 the last one)."""
import argparse
import json

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

with open(f"{args.name}/out.json", encoding="utf-8") as f:
    blk = int(json.load(f)["params"]["blk"])
f32 = MemcpyDataType.MEMCPY_32BIT
ROW = MemcpyOrder.ROW_MAJOR

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
blocks_id, got_id, teardowns_id = runner.get_id("blocks"), runner.get_id("got"), runner.get_id("teardowns")
runner.load()
runner.run()

blocks = (np.arange(4 * blk, dtype=np.float32) + 1.0) * np.float32(1.5)
runner.memcpy_h2d(blocks_id, blocks, 0, 0, 1, 1, 4 * blk, streaming=False, order=ROW,
                  data_type=f32, nonblock=False)
runner.launch("start", nonblock=False)
got = np.zeros(3 * 2 * blk, dtype=np.float32)
runner.memcpy_d2h(got, got_id, 1, 0, 3, 1, 2 * blk, streaming=False, order=ROW,
                  data_type=f32, nonblock=False)
teardowns = np.zeros(4, dtype=np.uint32)
runner.memcpy_d2h(teardowns, teardowns_id, 0, 0, 4, 1, 1, streaming=False, order=ROW,
                  data_type=f32, nonblock=False)
runner.stop()

by_block = blocks.reshape(4, blk)
want = np.concatenate([np.concatenate((by_block[k], by_block[3])) for k in range(3)])
np.testing.assert_array_equal(got, want)
np.testing.assert_array_equal(teardowns, np.array([3, 3, 2, 1], dtype=np.uint32))
print("SUCCESS!")

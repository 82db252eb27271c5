#!/usr/bin/env cs_python
"""pop-select: PE 2 must hold block 0, PE 3 block 1, PE 1 block 2 and the last PE block 3,
each exactly once and nothing else (a control wavelet reaching a CE would add a value)."""
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
blocks_id = runner.get_id("blocks")
runner.load()
runner.run()

blocks = np.random.default_rng(9).uniform(1, 2, size=4 * blk).astype(np.float32)
runner.memcpy_h2d(blocks_id, blocks, 0, 0, 1, 1, 4 * blk, streaming=False, order=ROW,
                  data_type=f32, nonblock=False)
runner.launch("run", nonblock=False)
held = np.zeros(4 * 4 * blk, dtype=np.float32)
runner.memcpy_d2h(held, blocks_id, 1, 0, 4, 1, 4 * blk, streaming=False, order=ROW,
                  data_type=f32, nonblock=False)
runner.stop()

held = held.reshape(4, 4 * blk)
by_block = blocks.reshape(4, blk)
for pe, block in ((1, 2), (2, 0), (3, 1), (4, 3)):
    want = np.zeros(4 * blk, dtype=np.float32)
    want[:blk] = by_block[block]
    np.testing.assert_array_equal(held[pe - 1], want, err_msg=f"PE {pe}")
print("SUCCESS!")

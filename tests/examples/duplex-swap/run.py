#!/usr/bin/env cs_python
"""duplex-swap: pairs of PEs swap arrays in both directions at once; checks what each
PE received and mine - theirs, over two swaps (the second swaps the received data back)."""
import argparse
import json

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port or unix:PATH of an appliance")
args = parser.parse_args()

with open(f"{args.name}/out.json", encoding="utf-8") as f:
    params = json.load(f)["params"]
pairs = int(params["pairs"])
n = int(params["n"])
width = 2 * pairs

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
mine_id = runner.get_id("mine")
theirs_id = runner.get_id("theirs")
diff_id = runner.get_id("diff")
runner.load()
runner.run()

f32 = MemcpyDataType.MEMCPY_32BIT
row = MemcpyOrder.ROW_MAJOR


def read(symbol):
    out = np.zeros(width * n, dtype=np.float32)
    runner.memcpy_d2h(out, symbol, 0, 0, width, 1, n, streaming=False, order=row,
                      data_type=f32, nonblock=False)
    return out.reshape(width, n)


def partner_of(a):
    # Row 2p and row 2p+1 trade places.
    return a.reshape(pairs, 2, n)[:, ::-1, :].reshape(width, n)


rng = np.random.default_rng(99)
mine = rng.uniform(-50, 50, size=(width, n)).astype(np.float32)
runner.memcpy_h2d(mine_id, mine.ravel(), 0, 0, width, 1, n, streaming=False, order=row,
                  data_type=f32, nonblock=False)
runner.launch("swap", nonblock=False)
theirs = read(theirs_id)
np.testing.assert_array_equal(theirs, partner_of(mine))
np.testing.assert_array_equal(read(diff_id), mine - partner_of(mine))

# Load what each PE received as its own data and swap again: everyone gets its original
# values back.
runner.memcpy_h2d(mine_id, theirs.ravel(), 0, 0, width, 1, n, streaming=False, order=row,
                  data_type=f32, nonblock=False)
runner.launch("swap", nonblock=False)
np.testing.assert_array_equal(read(theirs_id), mine)
np.testing.assert_array_equal(read(diff_id), theirs - mine)
runner.stop()
print("SUCCESS!")

#!/usr/bin/env cs_python
"""edge-drop-routes: the bottom row forwards its column's values and control wavelet SOUTH,
the east column sends its row value EAST and the top row passes the value from the bottom
NORTH, all out of the program rectangle. Those wavelets are dropped (the PEs outside the
rectangle are not simulated) and the run goes on: every PE inside gets what its routes
bring it, over two launches. The traced sim.log names each PE, color and direction that
dropped wavelets once, however many it dropped."""
import argparse
import json
import re

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of an appliance")
args = parser.parse_args()

with open(f"{args.name}/out.json", encoding="utf-8") as f:
    params = json.load(f)["params"]
width, height, n = int(params["width"]), int(params["height"]), int(params["n"])
COL, ROW_A, ROW_B, UP = 1, 2, 3, 4

# The traced sim.log (a replay of the session at stop()) has the simulator's own lines.
runner = SdkRuntime(args.name, cmaddr=args.cmaddr, suppress_simfab_trace=False)
src_id = runner.get_id("src")
res_id = runner.get_id("res")
runner.load()
runner.run()

u32 = MemcpyDataType.MEMCPY_32BIT
row_major = MemcpyOrder.ROW_MAJOR
rng = np.random.default_rng(11)
launches = 2
for launch in range(launches):
    src = rng.integers(1, 1 << 30, size=(height, width, n), dtype=np.uint32)
    runner.memcpy_h2d(src_id, src.ravel(), 0, 0, width, height, n, streaming=False,
                      order=row_major, data_type=u32, nonblock=False)
    runner.launch("start", nonblock=False)
    res = np.zeros(width * height * (n + 6), dtype=np.uint32)
    runner.memcpy_d2h(res, res_id, 0, 0, width, height, n + 6, streaming=False,
                      order=row_major, data_type=u32, nonblock=False)
    res = res.reshape(height, width, n + 6)
    done = launch + 1
    for y in range(height):
        for x in range(width):
            r, where = res[y, x], f"launch {launch}, PE ({x}, {y})"
            if y > 0:
                np.testing.assert_array_equal(r[:n], src[0, x], err_msg=where)
            if x > 0:
                assert r[n] == src[y, x - 1, 1], f"{where}: row value {r[n]:#x}"
            if y < height - 1:
                assert r[n + 1] == src[height - 1, x, 2], f"{where}: up value {r[n + 1]:#x}"
            want = [0 if y == 0 else n * done, 0 if y == 0 else done,
                    0 if x == 0 else done, 0 if y == height - 1 else done]
            assert list(r[n + 2:]) == want, f"{where}: counts {list(r[n + 2:])} != {want}"
runner.stop()

with open("sim.log", encoding="utf-8") as f:
    log = f.read()
drops = re.findall(r"^@\d+ P(\d+)\.(\d+) dropped wavelet C(\d+): it left the program "
                   r"rectangle going (\w+) \(the PEs outside the rectangle are not simulated\)",
                   log, re.MULTILINE)
east_color = ROW_A if (width - 1) % 2 == 0 else ROW_B
want = ({(x, height - 1, COL, "SOUTH") for x in range(width)}
        | {(width - 1, y, east_color, "EAST") for y in range(height)}
        | {(x, 0, UP, "NORTH") for x in range(width)})
got = [(int(px) - 4, int(py) - 1, int(c), d) for px, py, c, d in drops]
assert len(got) == len(set(got)), f"a drop logged twice: {sorted(got)}"
assert set(got) == want, f"drops in sim.log {sorted(got)} != {sorted(want)}"
print(f"{len(got)} dropping (PE, color, direction) in sim.log, each once over {launches} "
      "launches")
print("SUCCESS!")

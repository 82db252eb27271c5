#!/usr/bin/env cs_python
"""bandwidth-sync: measures H2D and D2H bandwidth with the PEs' own clocks, the way a
bandwidth benchmark does: sync() (a reduction to PE (0,0) and a release to every PE),
tic(), a batch of nonblocking copies, toc(). Every copy's data is checked, every PE must
have taken part in each sync, and the clock samples must be ordered."""
import argparse
import json

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder
from cerebras.sdk.sdk_utils import make_u48

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
parser.add_argument("--loop_count", type=int, default=3, help="copies per measurement")
parser.add_argument("--channels", type=int, default=1, help="the --channels given to cslc")
args = parser.parse_args()

with open(f"{args.name}/out.json", encoding="utf-8") as f:
    params = json.load(f)["params"]
width, height, n = int(params["width"]), int(params["height"]), int(params["n"])
loops = args.loop_count
f32, u32 = MemcpyDataType.MEMCPY_32BIT, MemcpyDataType.MEMCPY_32BIT
COL = MemcpyOrder.COL_MAJOR

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
ids = {s: runner.get_id(s) for s in ("A", "stamps", "released")}
runner.load()
runner.run()


def read(sym, count, dtype):
    out = np.zeros(width * height * count, dtype=dtype)
    runner.memcpy_d2h(out, ids[sym], 0, 0, width, height, count, streaming=False,
                      order=COL, data_type=u32, nonblock=False)
    # COL_MAJOR: flat[y + x*h + k*h*w] -> [x][y][k]
    return out.reshape(count, width, height).transpose(1, 2, 0)


def clocks():
    """Per PE (start, end, reference) as 48-bit cycle counts, indexed [x][y]."""
    words = read("stamps", 6, np.uint32)
    result = np.zeros((width, height, 3), dtype=np.int64)
    for x in range(width):
        for y in range(height):
            for slot in range(3):
                lo, hi = int(words[x, y, 2 * slot]), int(words[x, y, 2 * slot + 1])
                assert hi <= 0xFFFF, f"PE ({x},{y}) clock high word {hi:#x} has more than 16 bits"
                result[x, y, slot] = make_u48([lo & 0xFFFF, lo >> 16, hi])
    return result


def sync_and_check():
    runner.launch("sync", nonblock=False)
    seen = read("released", 1, np.uint32)[:, :, 0]
    np.testing.assert_array_equal(seen, np.full((width, height), width * height, dtype=np.uint32),
                                  err_msg="release count: every PE must be counted exactly once")


def measure(label, copies):
    sync_and_check()
    runner.launch("tic", nonblock=False)
    copies()
    runner.launch("toc", nonblock=False)
    t = clocks()
    start, end, ref = t[:, :, 0], t[:, :, 1], t[:, :, 2]
    assert (ref < start).all(), f"{label}: a PE sampled tic before its release:\n{ref}\n{start}"
    assert (start < end).all(), f"{label}: toc not after tic:\n{start}\n{end}"
    cycles = int((end - ref).max() - (start - ref).min())
    assert cycles > 0
    seconds = cycles / 850e6
    size = width * height * n * 4 * loops
    # Each I/O channel enters the fabric through one router link: at most one 32-bit
    # wavelet per cycle per channel, whatever the size of the rectangle.
    assert size / cycles <= 4 * args.channels, \
        f"{label}: {size / cycles:.2f} bytes per cycle through {args.channels} channel(s)"
    print(f"{label}: {loops} x {width}x{height}x{n} f32 in {cycles} cycles, "
          f"{size / seconds / 1e9:.3f} GB/s at 850 MHz")
    return start, end


rng = np.random.default_rng(7)
batches = [rng.uniform(-1.0, 1.0, size=width * height * n).astype(np.float32) for _ in range(loops)]


def h2d_batch():
    for batch in batches:
        runner.memcpy_h2d(ids["A"], batch, 0, 0, width, height, n, streaming=False,
                          order=COL, data_type=f32, nonblock=True)


h2d_start, h2d_end = measure("H2D", h2d_batch)
# The last copy wins; mark() then adds 100*x + y (times the scale) on every PE.
scale = np.float32(0.5)
runner.launch("mark", scale, nonblock=False)
expected = batches[-1].reshape(n, width, height).copy()
for x in range(width):
    for y in range(height):
        expected[:, x, y] = (expected[:, x, y] + np.float32(100 * x + y) * scale).astype(np.float32)
expected = expected.ravel()

received = [np.zeros(width * height * n, dtype=np.float32) for _ in range(loops)]


def d2h_batch():
    # One array per copy: two nonblocking copies into one array would race.
    for out in received:
        runner.memcpy_d2h(out, ids["A"], 0, 0, width, height, n, streaming=False,
                          order=COL, data_type=f32, nonblock=True)


d2h_start, d2h_end = measure("D2H", d2h_batch)
runner.stop()

for i, out in enumerate(received):
    np.testing.assert_array_equal(out, expected, err_msg=f"D2H copy {i}")
# Each PE's clock runs on: the D2H round started after the H2D round ended.
assert (d2h_start > h2d_end).all()
print("SUCCESS!")

#!/usr/bin/env cs_python
"""dsd-ops-timed: <dsd_ops> wrappers in f32, f16, mixed and 16-bit integer forms checked
bit for bit against numpy; the <timer> counts must be positive, the spanning stopwatch at
least the sum of the three inside it, and each PE's <simprint> line must print them."""
import argparse
import json
import re

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

with open(f"{args.name}/out.json", encoding="utf-8") as f:
    p = {k: int(v) for k, v in json.load(f)["params"].items()}
w, n = p["width"], p["n"]

B32 = MemcpyDataType.MEMCPY_32BIT
B16 = MemcpyDataType.MEMCPY_16BIT
ROW = MemcpyOrder.ROW_MAJOR

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
names = ("x", "y", "k", "f32_out", "f16_out", "mixed_out", "int_out", "cycles")
ids = {s: runner.get_id(s) for s in names}
runner.load()
runner.run()


def write(sym, words, per_pe, width):
    runner.memcpy_h2d(ids[sym], words.ravel(), 0, 0, w, 1, per_pe, streaming=False,
                      order=ROW, data_type=width, nonblock=False)


def read_words(sym, per_pe, width):
    out = np.zeros(w * per_pe, dtype=np.uint32)
    runner.memcpy_d2h(out, ids[sym], 0, 0, w, 1, per_pe, streaming=False,
                      order=ROW, data_type=width, nonblock=False)
    return out.reshape(w, per_pe)


def halfwords(a):
    """16-bit values zero-extended into the u32 words a 16-bit copy takes."""
    return a.view(np.uint16).astype(np.uint32)


def operands(rng):
    """Magnitudes in [0.1, 4): every f16 sum or product below is exact in f32, so
    numpy's f16 arithmetic (f32, then rounded) rounds once, as the device does."""
    mag = rng.uniform(0.1, 4.0, size=(2, w, n))
    sign = rng.choice([-1.0, 1.0], size=(2, w, n))
    x, y = (mag * sign).astype(np.float32)
    k = rng.integers(-32768, 32767, size=(w, n), dtype=np.int16, endpoint=True)
    return x, y, k


rng = np.random.default_rng(7)
for launch in range(2):
    x, y, k = operands(rng)
    write("x", x.view(np.uint32), n, B32)
    write("y", y.view(np.uint32), n, B32)
    write("k", halfwords(k), n, B16)
    runner.launch("run", nonblock=False)

    # The f32 kernel: 0.25 is a power of two, so fused and unfused fmac agree.
    s, d, m = x + y, x - y, x * y
    want_f32 = np.concatenate([s, d, m, m + s * np.float32(0.25), np.maximum(np.abs(d), -x)],
                              axis=1)
    got_f32 = read_words("f32_out", 5 * n, B32).view(np.float32)
    np.testing.assert_array_equal(got_f32, want_f32, err_msg=f"f32 kernel, launch {launch}")

    h, g = x.astype(np.float16), y.astype(np.float16)
    hg = h * g
    hgh = hg + h
    last = hgh + g * np.float16(0.5)
    want_f16 = np.concatenate([hg, hgh, last], axis=1)
    got_f16 = read_words("f16_out", 3 * n, B16).astype(np.uint16).view(np.float16)
    np.testing.assert_array_equal(got_f16.view(np.uint16), want_f16.view(np.uint16),
                                  err_msg=f"f16 kernel, launch {launch}")
    m0 = last.astype(np.float32)
    m1 = m0 + hgh.astype(np.float32)
    m2 = m1 + g.astype(np.float32) * np.float32(2.0)
    want_mixed = np.concatenate([m0, m1, m2], axis=1)
    got_mixed = read_words("mixed_out", 3 * n, B32).view(np.float32)
    np.testing.assert_array_equal(got_mixed, want_mixed, err_msg=f"mixed kernel, launch {launch}")

    ksum = (k.astype(np.int32) * 2).astype(np.int16)          # wraps like the device
    kdiff = (ksum.astype(np.int32) - k).astype(np.int16)
    want_int = np.concatenate([ksum, kdiff[:, ::-1], k], axis=1)
    got_int = read_words("int_out", 3 * n, B16).astype(np.uint16).view(np.int16)
    np.testing.assert_array_equal(got_int, want_int, err_msg=f"int kernel, launch {launch}")

    words = read_words("cycles", 12, B16).astype(np.uint64).reshape(w, 4, 3)
    counts = words[:, :, 0] | (words[:, :, 1] << 16) | (words[:, :, 2] << 32)
    for px in range(w):
        f32c, f16c, intc, allc = (int(c) for c in counts[px])
        assert min(f32c, f16c, intc) > 0, f"PE {px}: a kernel took no cycles: {counts[px]}"
        assert allc >= f32c + f16c + intc, f"PE {px}: spanning timer {allc} < parts {counts[px]}"
        assert allc < 1 << 20, f"PE {px}: {allc} cycles for a few vector ops"
    print(f"launch {launch}: cycles per PE (f32, f16, int, all) {counts.tolist()}")
runner.stop()

# One line per PE and launch; the last launch's line must print the last counts (low words).
with open("sim.log", encoding="utf-8") as f:
    log = f.read()
for px in range(w):
    lines = re.findall(rf"PE\({px},0\): cycles f32=(\d+) f16=(\d+) int=(\d+) all=(\d+)", log)
    assert len(lines) == 2, f"PE {px}: {len(lines)} simprint lines"
    want = [int(c) & 0xFFFF for c in counts[px]]
    assert [int(v) for v in lines[-1]] == want, f"PE {px}: printed {lines[-1]}, stored {want}"
print("SUCCESS!")

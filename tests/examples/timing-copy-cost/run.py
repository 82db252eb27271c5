#!/usr/bin/env cs_python
"""timing-copy-cost: copy-mode memcpy cost on the PE against docs/simulator.md ("memcpy and
host commands", Cost, and the cost table): "Each command costs kMemcpyCommandSetup (40)
cycles on the PE, then one element per kMemcpyCyclesPerWavelet (1) * ceil(streams /
channels) cycles", streams = PEs of the ROI; "the PE is busy, and the command unfinished,
until its transfer time has passed"; the copy's 1000-cycle trip from the host overlaps the
spin launch (3000+ cycles), and launches cost kLaunchSetup (20) each way alike.

So with G = probe start - spin end on a PE: G(copy of k words) - G(no copy) =
40 + k * ceil(streams / channels) on a PE the copy writes or reads, and 0 on the others;
streams = the ROI's PEs (D2H, H2D), its rows (row broadcast), its columns (column
broadcast) or its selected PEs (strided). Copied words are checked."""
import argparse
import json
import math
import sys

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
parser.add_argument("--channels", type=int, required=True, help="the --channels of the compile")
args = parser.parse_args()
with open(f"{args.name}/out.json", encoding="utf-8") as f:
    params = json.load(f)["params"]
W, H = int(params["width"]), int(params["height"])
ROUNDS = 400
u32, ROW = MemcpyDataType.MEMCPY_32BIT, MemcpyOrder.ROW_MAJOR

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
stamps_id, buf_id = runner.get_id("stamps"), runner.get_id("buf")
runner.load()
runner.run()
rng = np.random.default_rng(3)
image = rng.integers(0, 2**32, size=W * H * 64, dtype=np.uint64).astype(np.uint32)
runner.memcpy_h2d(buf_id, image, 0, 0, W, H, 64, streaming=False, order=ROW,
                  data_type=u32, nonblock=False)

bad = []


def targets(copy):
    """The PEs (y, x) a copy touches."""
    kind, (px, py, w, h), k, rs, cs = copy
    return [(y, x) for y in range(py, py + h) for x in range(px, px + w)
            if kind != "stride" or ((y - py) % rs == 0 and (x - px) % cs == 0)]


def streams(copy):
    """docs/simulator.md: one host stream per PE of the ROI (box, strided), one per row
    for a row broadcast and one per column for a column broadcast."""
    kind, (px, py, w, h), k, rs, cs = copy
    return {"rowbcast": h, "colbcast": w}.get(kind, len(targets(copy)))


def gap(copy):
    """spin, the copy (or none), probe, all queued at once; returns G per PE."""
    runner.launch("spin", np.uint16(ROUNDS), nonblock=True)
    result = None
    if copy:
        kind, (px, py, w, h), k, rs, cs = copy
        if kind == "d2h":
            result = np.zeros(w * h * k, dtype=np.uint32)
            runner.memcpy_d2h(result, buf_id, px, py, w, h, k, streaming=False, order=ROW,
                              data_type=u32, nonblock=True)
        else:
            count = {"h2d": w * h, "rowbcast": h, "colbcast": w,
                     "stride": (1 + (h - 1) // rs) * (1 + (w - 1) // cs)}[kind]
            result = (np.arange(count * k, dtype=np.uint64) * 2654435761 + k).astype(np.uint32)
            if kind == "h2d":
                runner.memcpy_h2d(buf_id, result, px, py, w, h, k, streaming=False, order=ROW,
                                  data_type=u32, nonblock=True)
            elif kind == "rowbcast":
                runner.memcpy_h2d_rowbcast(buf_id, result, px, py, w, h, k, streaming=False,
                                           order=ROW, data_type=u32, nonblock=True)
            elif kind == "colbcast":
                runner.memcpy_h2d_colbcast(buf_id, result, px, py, w, h, k, streaming=False,
                                           order=ROW, data_type=u32, nonblock=True)
            else:
                runner.memcpy_h2d_stride(buf_id, result, px, py, w, h, k, rs, cs, streaming=False,
                                         order=ROW, data_type=u32, nonblock=True)
    runner.launch("probe", nonblock=True)
    st = np.zeros(W * H * 3, dtype=np.uint32)
    runner.memcpy_d2h(st, stamps_id, 0, 0, W, H, 3, streaming=False, order=ROW,
                      data_type=u32, nonblock=False)
    st = st.reshape(H, W, 3).astype(np.int64)
    h = 7
    for i in range(ROUNDS):
        h = (h * 31 + i) & 0xFFFFFFFF
    if not np.all(st[:, :, 2] == h):
        bad.append(f"spin checksums {st[:, :, 2]} != {h}")
    if copy:
        kind, (px, py, w, h_), k, rs, cs = copy
        img = image.reshape(H, W, 64)
        if kind == "d2h":
            if not np.array_equal(result, img[py:py + h_, px:px + w, :k].ravel()):
                bad.append(f"{copy}: D2H words differ")
        for y, x in targets(copy):
            yi, xi = y - py, x - px
            if kind == "h2d":
                img[y, x, :k] = result.reshape(h_, w, k)[yi, xi]
            elif kind == "rowbcast":
                img[y, x, :k] = result.reshape(h_, k)[yi]
            elif kind == "colbcast":
                img[y, x, :k] = result.reshape(w, k)[xi]
            elif kind == "stride":
                nx = 1 + (w - 1) // cs
                img[y, x, :k] = result.reshape(-1, nx, k)[yi // rs, xi // cs]
    return st[:, :, 1] - st[:, :, 0]


base = gap(None)
print(f"no copy: probe starts {sorted(set(base.ravel().tolist()))} cycles after spin ends")
if len(set(base.ravel().tolist())) != 1:
    bad.append(f"the gap without a copy differs between PEs: {base}")
cases = [("d2h", (0, 0, W, H), 1, 1, 1), ("d2h", (0, 0, W, H), 37, 1, 1),
         ("d2h", (1, 0, 3, 1), 20, 1, 1), ("h2d", (2, 1, W - 2, H - 1), 9, 1, 1),
         ("h2d", (0, 0, 1, 1), 64, 1, 1), ("rowbcast", (0, 0, W, H), 30, 1, 1),
         ("colbcast", (1, 0, W - 1, H), 25, 1, 1), ("stride", (0, 0, W, H), 12, 2, 2),
         ("stride", (1, 0, W - 1, H), 7, 1, 3)]
for copy in cases:
    kind, (px, py, w, h), k, rs, cs = copy
    g = gap(copy)
    lane = math.ceil(streams(copy) / args.channels)
    extra = 40 + k * lane
    touched = set(targets(copy))
    got = set()
    for y in range(H):
        for x in range(W):
            inside = (y, x) in touched
            want = int(base[y, x]) + (extra if inside else 0)
            got.add((inside, int(g[y, x]) - int(base[y, x])))
            if int(g[y, x]) != want:
                bad.append(f"{kind} {k} words over {(px, py, w, h)}: PE({x},{y}) gap {int(g[y, x])}, "
                           f"want {int(base[y, x])} + {extra if inside else 0} "
                           f"({'40 + %d * ceil(%d / %d)' % (k, streams(copy), args.channels) if inside else 'not copied'})")
    print(f"{kind:8} {k:2} words over {(px, py, w, h)}: extra cycles (copied, extra) {sorted(got)}, "
          f"want 40 + {k} * ceil({streams(copy)} / {args.channels}) = {extra}")
final = np.zeros(W * H * 64, dtype=np.uint32)
runner.memcpy_d2h(final, buf_id, 0, 0, W, H, 64, streaming=False, order=ROW, data_type=u32,
                  nonblock=False)
if not np.array_equal(final, image):
    bad.append(f"buf after all copies differs from the model at {np.argwhere(final != image)[:5].ravel()}")
runner.stop()
for line in bad[:30]:
    print("FAIL:", line)
if bad:
    sys.exit(1)
print("SUCCESS!")

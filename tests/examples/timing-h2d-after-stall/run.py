#!/usr/bin/env cs_python
"""timing-h2d-after-stall: a streaming H2D held up by backpressure resumes at the channel
rate. docs/simulator.md ("memcpy and host commands"): the stream delivers "with
backpressure", "one element per kMemcpyCyclesPerWavelet * ceil(streams / channels)
cycles", the ROI sharing the --channels. With W * H PEs over C channels (L = ceil(W * H / C)
cycles per word per PE) and a CE queue of at most 8 words, the n - 1 words a PE receives
after its stall cannot arrive faster than one per L cycles beyond those the queue held:
the timed receive must take at least (n - 1 - 8) * L cycles. Sums checked."""
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
W, H, color_id = int(params["width"]), int(params["height"]), int(params["MEMCPYH2D_DATA_1_ID"])
N = 40
L = math.ceil(W * H / args.channels)

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
out_id = runner.get_id("out")
runner.load()
runner.run()
runner.launch("arm", np.uint16(N), nonblock=False)
data = (np.arange(W * H * N, dtype=np.uint64) * 2654435761 % 1000003).astype(np.uint32)
runner.memcpy_h2d(color_id, data, 0, 0, W, H, N, streaming=True, order=MemcpyOrder.ROW_MAJOR,
                  data_type=MemcpyDataType.MEMCPY_32BIT, nonblock=False)
out = np.zeros(W * H * 3, dtype=np.uint32)
runner.memcpy_d2h(out, out_id, 0, 0, W, H, 3, streaming=False, order=MemcpyOrder.ROW_MAJOR,
                  data_type=MemcpyDataType.MEMCPY_32BIT, nonblock=False)
runner.stop()
out = out.reshape(H, W, 3).astype(np.int64)
bad = []
sums = data.reshape(H, W, N).astype(np.int64).sum(axis=2) & 0xFFFFFFFF
if not np.array_equal(out[:, :, 2], sums):
    bad.append("sums differ from numpy")
took = out[:, :, 1] - out[:, :, 0]
floor = (N - 1 - 8) * L
print(f"{W}x{H} PEs, {args.channels} channel(s): the {N - 1} words after the stall took "
      f"{sorted(set(took.ravel().tolist()))} cycles; one word per {L} cycles needs at least {floor}")
if took.min() < floor:
    bad.append(f"the stream caught up faster than its channels allow ({took.min()} < {floor} cycles)")
for line in bad:
    print("FAIL:", line)
if bad:
    sys.exit(1)
print("SUCCESS!")

#!/usr/bin/env cs_python
"""timing-d2h-stream-rate: streaming D2H bandwidth against docs/simulator.md ("memcpy and
host commands", Cost): "Each command costs kMemcpyCommandSetup cycles on the PE, then one
element per kMemcpyCyclesPerWavelet * ceil(streams / channels) cycles, streams being the host
element streams of the command: one per PE of the ROI ... The whole ROI shares the
--channels I/O channels". So with the D2H stream over the whole block (W * H streams, C
channels) each PE's wavelets leave at one per L = ceil(W * H / C) cycles; once its output
queue is full a PE's synchronous send advances at that rate, and for n1 < n2 both above the
queue depth its send takes exactly (n2 - n1) * L cycles longer. The host's words are checked."""
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
W, H, color_id = int(params["width"]), int(params["height"]), int(params["MEMCPYD2H_DATA_1_ID"])
L = math.ceil(W * H / args.channels)

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
stamps_id = runner.get_id("stamps")
runner.load()
runner.run()
bad = []
took = {}
for n in (24, 56):
    host = np.zeros(W * H * n, dtype=np.uint32)
    task = runner.memcpy_d2h(host, color_id, 0, 0, W, H, n, streaming=True,
                             order=MemcpyOrder.ROW_MAJOR, data_type=MemcpyDataType.MEMCPY_32BIT,
                             nonblock=True)
    runner.launch("send", np.uint16(n), nonblock=False)
    runner.task_wait(task)
    ys, xs, ks = np.meshgrid(np.arange(H), np.arange(W), np.arange(n), indexing="ij")
    want = (xs * 1000 + ys * 100000 + ks).astype(np.uint32).ravel()
    if not np.array_equal(host, want):
        bad.append(f"n={n}: {np.count_nonzero(host != want)} host words differ")
    st = np.zeros(W * H * 2, dtype=np.uint32)
    runner.memcpy_d2h(st, stamps_id, 0, 0, W, H, 2, streaming=False, order=MemcpyOrder.ROW_MAJOR,
                      data_type=MemcpyDataType.MEMCPY_32BIT, nonblock=False)
    st = st.reshape(H, W, 2).astype(np.int64)
    took[n] = st[:, :, 1] - st[:, :, 0]
    print(f"n={n}: send took {sorted(set(took[n].ravel().tolist()))} cycles")
runner.stop()
grew = took[56] - took[24]
print(f"{W}x{H} PEs, {args.channels} channel(s): 32 more words took {sorted(set(grew.ravel().tolist()))} "
      f"more cycles; one per ceil({W * H} / {args.channels}) = {L} cycles gives {32 * L}")
if not np.all(grew == 32 * L):
    bad.append(f"the D2H stream moved 32 more words per PE in {sorted(set(grew.ravel().tolist()))} cycles, "
               f"not 32 * {L} = {32 * L}: the ROI's {W * H} streams do not share {args.channels} channel(s)")
for line in bad:
    print("FAIL:", line)
if bad:
    sys.exit(1)
print("SUCCESS!")

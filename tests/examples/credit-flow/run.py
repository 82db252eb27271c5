#!/usr/bin/env cs_python
"""credit-flow: five flows of different lengths (0, fewer chunks than the window, many);
the consumer's sequence check, both sides' counters (chunks, credits, values) and the
producer's largest number of chunks in flight (1..window) checked after each."""
import argparse
import json

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

with open(f"{args.name}/out.json", encoding="utf-8") as f:
    params = json.load(f)["params"]
chunk, window = int(params["chunk"]), int(params["window"])

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
stats_id = runner.get_id("stats")
runner.load()
runner.run()
u32 = MemcpyDataType.MEMCPY_32BIT
row = MemcpyOrder.ROW_MAJOR


def stats(px):
    out = np.zeros(8, dtype=np.uint32)
    runner.memcpy_d2h(out, stats_id, px, 0, 1, 1, 8, streaming=False, order=row,
                      data_type=u32, nonblock=False)
    return out


sent_total = 0
for launch, (chunks, base) in enumerate(((40, 1000), (0, 5), (2, 70000), (window, 9), (17, 123456)), start=1):
    runner.launch("flow", np.uint16(chunks), np.uint32(base), nonblock=False)
    sent_total += chunks
    p, c = stats(0), stats(2)
    assert p[0] == launch and c[0] == launch and stats(1)[0] == launch
    assert p[1] == sent_total, f"flow {launch}: producer sent {p[1]} chunks, expected {sent_total}"
    assert c[1] == sent_total * chunk, f"flow {launch}: consumer took {c[1]} values"
    assert c[2] == 0, f"flow {launch}: {c[2]} values out of sequence"
    assert p[2] == c[3] == sent_total, f"flow {launch}: credits {p[2]} received, {c[3]} granted"
    values = np.arange(base, base + chunks * chunk, dtype=np.uint64)
    assert c[4] == int(values.sum()) & 0xFFFFFFFF, f"flow {launch}: value sum"
    assert 0 < p[3] <= window, f"flow {launch}: {p[3]} chunks in flight (window {window})"
    print(f"flow {launch}: {chunks} chunks of {chunk}; at most {p[3]} in flight; "
          f"{p[4]} waits for credit")
runner.stop()
print("SUCCESS!")

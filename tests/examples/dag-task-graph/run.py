#!/usr/bin/env cs_python
"""dag-task-graph: four launches with other job graphs and weights on a 3x1 row. Each PE's
job order must respect its graph; values are replayed in float32; the signature and the
control task each east PE saw must match the order its west neighbour reports."""
import argparse

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

W, n = 3, 6
rlen = 2 * n + 7
f32 = MemcpyDataType.MEMCPY_32BIT
row = MemcpyOrder.ROW_MAJOR

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
graph_id = runner.get_id("graph")
weights_id = runner.get_id("weights")
result_id = runner.get_id("result")
runner.load()
runner.run()

rng = np.random.default_rng(5)
graphs = [
    # a chain, a fan-in, independent jobs, random graphs
    [[0, 1, 2, 4, 8, 16] for _ in range(W)],
    [[0, 0, 0, 0, 0, 31] for _ in range(W)],
    [[0, 0, 0, 0, 0, 0] for _ in range(W)],
    [[int(rng.integers(0, 1 << k)) if k else 0 for k in range(n)] for _ in range(W)],
]
for launch, g in enumerate(graphs):
    graph = np.array(g, dtype=np.uint32)
    weights = rng.integers(-8, 9, size=(W, n)).astype(np.float32) / 4
    runner.memcpy_h2d(graph_id, graph.ravel(), 0, 0, W, 1, n, streaming=False, order=row,
                      data_type=f32, nonblock=False)
    runner.memcpy_h2d(weights_id, weights.ravel(), 0, 0, W, 1, n, streaming=False, order=row,
                      data_type=f32, nonblock=False)
    runner.launch("start", np.uint16(2 + launch), nonblock=False)
    got = np.zeros(W * rlen, dtype=np.float32)
    runner.memcpy_d2h(got, result_id, 0, 0, W, 1, rlen, streaming=False, order=row,
                      data_type=f32, nonblock=False)
    got = got.reshape(W, rlen)
    west_value = np.float32(0)
    west_sig = None
    for x in range(W):
        order = got[x, n:2 * n].astype(int)
        assert sorted(order) == list(range(n)), (launch, x, order)
        pos = {k: p for p, k in enumerate(order)}
        for k in range(n):
            for j in range(k):
                if (graph[x, k] >> j) & 1:
                    assert pos[j] < pos[k], f"launch {launch} PE {x}: job {k} ran before {j}"
        value = np.zeros(n, dtype=np.float32)
        for k in range(n):
            acc = weights[x, k]
            if k == 0 and x > 0:
                acc = np.float32(acc + west_value)
            for j in range(k):
                if (graph[x, k] >> j) & 1:
                    acc = np.float32(acc + np.float32(value[j] * np.float32(0.5)))
            value[k] = acc
        np.testing.assert_array_equal(got[x, :n], value, err_msg=f"launch {launch} PE {x}")
        sig = sum((p + 1) * int(k) for p, k in enumerate(order))
        if x > 0:
            assert got[x, 2 * n] == west_value, (launch, x)
            assert got[x, 2 * n + 1] == west_sig, (launch, x, got[x, 2 * n + 1], west_sig)
            assert got[x, 2 * n + 2] == west_sig % 2, (launch, x)
        else:
            assert got[x, 2 * n + 2] == 2, (launch, x)
        counts = [n, 1 if x > 0 else 0, 1 if x > 0 else 0]
        assert list(got[x, 2 * n + 4:2 * n + 7]) == counts, (launch, x, got[x, 2 * n + 4:])
        west_value, west_sig = value[n - 1], sig
    print(f"launch {launch} ok: orders", [list(got[x, n:2 * n].astype(int)) for x in range(W)])

runner.stop()
print("SUCCESS!")

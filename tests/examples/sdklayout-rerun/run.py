#!/usr/bin/env cs_python
"""sdklayout-rerun: one SdkLayout compile, two sessions. The first runs from the artifacts
compile() returns, the second from SdkCompileArtifacts("out") (as a script that runs a
compiled layout later would), addressing streams by get_port_id numbers and receiving
one output with receive_tofile. Two regions with their own streams: `stats` (f32 in
through its LEFT edge, {min, max, sum} out through its RIGHT edge) and `twice` (u32 in
through its TOP edge, 2v+1 out through its BOTTOM edge). Checked exactly."""
import argparse
import os

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import (  # pylint: disable=no-name-in-module
    Color,
    Edge,
    Route,
    RoutingPosition,
    SdkCompileArtifacts,
    SdkLayout,
    SdkRuntime,
    SdkTarget,
    SimfabConfig,
    get_platform,
)

parser = argparse.ArgumentParser()
parser.add_argument("--cmaddr", help="IP:port of an appliance")
parser.add_argument("--arch", choices=["wse2", "wse3"], default="wse3")
args = parser.parse_args()

N, M = 17, 9
target = SdkTarget.WSE3 if args.arch == "wse3" else SdkTarget.WSE2
platform = get_platform(args.cmaddr, SimfabConfig(), target)
layout = SdkLayout(platform)
to_ramp = RoutingPosition().set_output([Route.RAMP])
from_ramp = RoutingPosition().set_input([Route.RAMP])

stats = layout.create_code_region("./stats.csl", "stats", 1, 1)
s_rx, s_tx = Color("s_rx"), Color("s_tx")
stats.set_param_all("n", N)
stats.set_param_all("rx", s_rx)
stats.set_param_all("tx", s_tx)
stats_in = stats.create_input_port(s_rx, Edge.LEFT, [to_ramp], N)
stats_out = stats.create_output_port(s_tx, Edge.RIGHT, [from_ramp], 3)
stats.place(3, 2)

twice = layout.create_code_region("./twice.csl", "twice", 1, 1)
t_rx, t_tx = twice.color("rx"), twice.color("tx")
twice.set_param_all(t_rx)
twice.set_param_all(t_tx)
twice_in = twice.create_input_port(t_rx, Edge.TOP, [to_ramp], M)
twice_out = twice.create_output_port(t_tx, Edge.BOTTOM, [from_ramp], M)
twice.place(6, 4)

streams = {
    "x": layout.create_input_stream(stats_in),
    "s": layout.create_output_stream(stats_out),
    "u": layout.create_input_stream(twice_in),
    "w": layout.create_output_stream(twice_out),
}
artifacts = layout.compile(out_prefix="out")


def expect_stats(x):
    lo, hi, total = x[0], x[0], x[0]
    for v in x[1:]:
        lo, hi = min(lo, v), max(hi, v)
        total = np.float32(total + v)
    return np.array([lo, hi, total], dtype=np.float32)


rng = np.random.default_rng(99)

# Session 1: the artifacts compile() returned, streams by name.
rt = SdkRuntime(artifacts, platform, memcpy_required=False)
rt.load()
rt.run()
x = rng.uniform(-50, 50, size=N).astype(np.float32)
u = rng.integers(0, 2**31, size=M, dtype=np.uint32)
s = np.zeros(3, dtype=np.float32)
w = np.zeros(M, dtype=np.uint32)
rt.send(streams["u"], u, nonblock=True)
rt.send(streams["x"], x, nonblock=True)
rt.receive(streams["w"], w, M, nonblock=True)
rt.receive(streams["s"], s, 3, nonblock=True)
rt.stop()
np.testing.assert_array_equal(s, expect_stats(x), err_msg="session 1 stats")
np.testing.assert_array_equal(w, (2 * u.astype(np.uint64) + 1).astype(np.uint32),
                              err_msg="session 1 twice")

# Session 2: the same compiled program found again by its directory, streams by number.
again = SdkCompileArtifacts("out")
rt = SdkRuntime(again, platform, memcpy_required=False)
ids = {k: rt.get_port_id(v) for k, v in streams.items()}
assert len(set(ids.values())) == 4 and None not in ids.values(), f"port ids {ids}"
rt.load()
rt.run()
x = np.concatenate([rng.uniform(-1e3, 1e3, size=N - 1), [np.float32(-2e3)]]).astype(np.float32)
u = np.arange(M, dtype=np.uint32) * 1000003
w = np.zeros(M, dtype=np.uint32)
rt.send(ids["x"], x[:5], nonblock=True)
rt.send(ids["u"], u, nonblock=True)
rt.send(ids["x"], x[5:], nonblock=True)
rt.receive(ids["w"], w, M, nonblock=True)
rt.receive_tofile(ids["s"], "stats.bin")
rt.stop()
with open("stats.bin", "rb") as f:
    s = np.frombuffer(f.read(), dtype=np.float32)
assert os.path.getsize("stats.bin") == 12, "receive_tofile writes the port's 3 words"
np.testing.assert_array_equal(s, expect_stats(x), err_msg="session 2 stats")
np.testing.assert_array_equal(w, 2 * u + 1, err_msg="session 2 twice")
print("SUCCESS!")

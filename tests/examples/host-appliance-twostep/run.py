#!/usr/bin/env cs_python
"""host-appliance-twostep: the appliance-mode flow of the SDK's run.appliance.py scripts,
in two separate cs_python runs.

`--compile-only`: SdkCompiler compiles ./src/layout.csl with an argument string built as
those scripts build it (repeated --params, `-o=DIR`, --arch only when given) and writes the
artifact path to artifact.json, then exits. The second run reads artifact.json and runs the
program with cerebras.sdk.client's SdkRuntime in a with block, using the generated
protobuf enums (cerebras.appliance.pb.sdk.sdk_common_pb2) as those scripts do: a loop of
identical nonblocking COL_MAJOR H2D copies, calls with an empty word list, launches, and a
nonblocking D2H left for the with block's stop() to finish. A second with block on the same
artifact (simulator flag flipped, stop() called inside it) must start from the initial
state. Prints SUCCESS! only when every check passes."""
import argparse
import json
import os

import numpy as np

from cerebras.appliance.pb.sdk.sdk_common_pb2 import MemcpyDataType, MemcpyOrder  # pylint: disable=import-error,no-name-in-module
from cerebras.sdk.client import SdkCompiler, SdkRuntime  # pylint: disable=import-error,no-name-in-module

ARTIFACT_FILE = "artifact.json"
WIDTH, HEIGHT, N = 4, 3, 5

parser = argparse.ArgumentParser()
parser.add_argument("--arch", default=None, help="wse2 or wse3 (the compiler's default if omitted)")
parser.add_argument("--compile-only", action="store_true", help="compile, write artifact.json, exit")
parser.add_argument("--simulator", action="store_true", help="run on the simulator")
parser.add_argument("--loops", type=int, default=3, help="identical H2D copies in a row")
args = parser.parse_args()

if args.compile_only:
    with SdkCompiler() as compiler:
        options = [f"--fabric-dims={WIDTH + 7},{HEIGHT + 2}", "--fabric-offsets=4,1",
                   f"--params=width:{WIDTH},height:{HEIGHT}", f"--params=n:{N}", "-o=elfs"]
        if args.arch is not None:
            options.append(f"--arch={args.arch}")
        options += ["--memcpy", "--channels=1", "--width-west-buf=0", "--width-east-buf=0"]
        artifact = compiler.compile("./src", "layout.csl", " ".join(options), ".")
    print("compile artifact:", artifact)
    with open(ARTIFACT_FILE, "w", encoding="utf-8") as f:
        json.dump(artifact, f)
    print("COMPILE ONLY: EXIT")
    raise SystemExit(0)

failures = []


def check(ok, what):
    if not ok:
        failures.append(what)
        print("FAILED:", what)


with open(ARTIFACT_FILE, encoding="utf-8") as f:
    artifact_path = json.load(f)
check(isinstance(artifact_path, str) and os.path.isdir(artifact_path),
      f"artifact.json names a directory: {artifact_path!r}")
with open(os.path.join(artifact_path, "out.json"), encoding="utf-8") as f:
    compiled = json.load(f)
check(compiled["params"].get("n") == str(N) and compiled["params"].get("width") == str(WIDTH),
      f"the artifact's out.json params {compiled['params']}")

rng = np.random.default_rng(7)
A = (rng.integers(-4000, 4000, size=(HEIGHT, WIDTH, N)) / 4.0).astype(np.float32)
A_1d = A.transpose(2, 1, 0).ravel()  # COL_MAJOR: [l][w][h]
B = rng.integers(-100000, 100000, size=(HEIGHT, WIDTH, N), dtype=np.int32)
tag = (16 * np.arange(WIDTH)[None, :] + np.arange(HEIGHT)[:, None]).astype(np.float32)[:, :, None]
ramp = np.arange(1, N + 1, dtype=np.int32)

E_1d = np.zeros(HEIGHT * WIDTH * N, np.float32)
hits = np.zeros((HEIGHT, WIDTH, N), np.int32)
calls_mid = np.zeros(HEIGHT * WIDTH, np.uint32)
dtype32 = MemcpyDataType.MEMCPY_32BIT
with SdkRuntime(artifact_path, simulator=args.simulator) as runner:
    sym_acc, sym_hits, sym_calls = (runner.get_id(s) for s in ("acc", "hits", "calls"))
    for _ in range(args.loops):
        runner.memcpy_h2d(sym_acc, A_1d, 0, 0, WIDTH, HEIGHT, N, streaming=False,
                          data_type=dtype32, order=MemcpyOrder.COL_MAJOR, nonblock=True)
    runner.call("bump", [], nonblock=True)
    runner.call("bump", [], nonblock=False)
    runner.memcpy_d2h(calls_mid, sym_calls, 0, 0, WIDTH, HEIGHT, 1, streaming=False,
                      data_type=dtype32, order=MemcpyOrder.ROW_MAJOR, nonblock=False)
    runner.launch("blend", np.float32(0.5), np.int32(-3), nonblock=True)
    runner.memcpy_h2d(sym_hits, B.ravel(), 0, 0, WIDTH, HEIGHT, N, streaming=False,
                      data_type=dtype32, order=MemcpyOrder.ROW_MAJOR, nonblock=True)
    runner.launch("blend", np.float32(2.0), np.int32(5), nonblock=True)
    runner.memcpy_d2h(E_1d, sym_acc, 0, 0, WIDTH, HEIGHT, N, streaming=False,
                      data_type=dtype32, order=MemcpyOrder.COL_MAJOR, nonblock=True)
    runner.memcpy_d2h(hits, sym_hits, 0, 0, WIDTH, HEIGHT, N, streaming=False,
                      data_type=dtype32, order=MemcpyOrder.ROW_MAJOR, nonblock=True)
    # no wait: leaving the with block stops the runtime, which finishes both copies

check(np.all(calls_mid == 2), f"calls after two bumps: {calls_mid.tolist()}")
acc = A.copy()
acc[:, :, N - 1] += np.float32(1.0)
acc[:, :, N - 1] += np.float32(1.0)
acc = acc * np.float32(0.5) + tag
acc = acc * np.float32(2.0) + tag
check(np.array_equal(E_1d.reshape(N, WIDTH, HEIGHT).transpose(2, 1, 0), acc),
      "acc after bump, bump, blend, blend (COL_MAJOR, filled by the with block's stop())")
check(np.array_equal(hits, B + 5 * ramp), "hits: copied in between the blends, then += 5*(i+1)")

# A second session on the same artifact starts from the initial state.
calls_again = np.full(HEIGHT * WIDTH, 99, np.uint32)
with SdkRuntime(artifact_path, simulator=not args.simulator) as runner:
    sym_calls = runner.get_id("calls")
    runner.memcpy_d2h(calls_again, sym_calls, 0, 0, WIDTH, HEIGHT, 1, streaming=False,
                      data_type=dtype32, order=MemcpyOrder.COL_MAJOR, nonblock=True)
    runner.stop()
check(np.all(calls_again == 0), f"a new session starts with calls = 0: {calls_again.tolist()}")

if failures:
    raise SystemExit(f"{len(failures)} check(s) failed")
print("SUCCESS!")

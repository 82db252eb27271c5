// A host program for the tests that follow a script's session (tst_scriptattach,
// tst_scripttimeline): gemv-single-pe's computation with fresh random inputs each round,
// every result checked, until the test drops `stopFile` in the project folder. It runs as
// long as a test needs to attach, pause, step or trace it, then prints SUCCESS!.
#pragma once

#include <QByteArray>

namespace gemvloop {

inline QByteArray script(const char* stopFile) {
    QByteArray text = R"PY(
import argparse
import os
import sys
import time

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import MemcpyDataType, MemcpyOrder, SdkRuntime

ROWS, COLS = 5, 7
parser = argparse.ArgumentParser()
parser.add_argument("--name")
parser.add_argument("--cmaddr")
args = parser.parse_args()

rng = np.random.default_rng(seed=7)
runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
ids = {n: runner.get_id(n) for n in ("mat", "vec_x", "vec_b", "vec_y")}
runner.load()
runner.run()

rounds = 0
deadline = time.monotonic() + 180
while True:
    mat = rng.uniform(-1, 1, size=(ROWS, COLS)).astype(np.float32)
    vec_x = rng.uniform(-1, 1, size=COLS).astype(np.float32)
    vec_b = rng.uniform(-1, 1, size=ROWS).astype(np.float32)
    for name, values in (("mat", mat), ("vec_x", vec_x), ("vec_b", vec_b)):
        runner.memcpy_h2d(ids[name], values.ravel(), 0, 0, 1, 1, values.size, streaming=False,
                          order=MemcpyOrder.ROW_MAJOR, data_type=MemcpyDataType.MEMCPY_32BIT,
                          nonblock=False)
    runner.launch("compute_gemv", nonblock=False)
    vec_y = np.zeros(ROWS, dtype=np.float32)
    runner.memcpy_d2h(vec_y, ids["vec_y"], 0, 0, 1, 1, ROWS, streaming=False,
                      order=MemcpyOrder.ROW_MAJOR, data_type=MemcpyDataType.MEMCPY_32BIT,
                      nonblock=False)
    np.testing.assert_allclose(vec_y, mat @ vec_x + vec_b, rtol=1e-5, atol=1e-5)
    rounds += 1
    if os.path.exists("@STOP_FILE@"):
        break
    if time.monotonic() > deadline:
        print("no stop file after 180 s")
        sys.exit(2)
runner.stop()
print(f"SUCCESS! {rounds} rounds")
)PY";
    return text.replace("@STOP_FILE@", stopFile);
}

} // namespace gemvloop

#!/usr/bin/env cs_python
"""hostfix-rpc-return-type: out/bin/out_rpc.json gives each exported function's return type
as its "type" (void, u16, f32), and sdk_utils.get_api_info_dict, check_rpc_api and
SdkRuntime.launch read that file back: each function launches with its typed arguments."""
import argparse
import json
import os

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import MemcpyDataType, MemcpyOrder, SdkRuntime
from cerebras.sdk.sdk_utils import check_rpc_api, get_api_info_dict

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()
N = 4

with open(os.path.join(args.name, "bin", "out_rpc.json"), encoding="utf-8") as f:
    symbols = {s["name"]: s for s in json.load(f)["rpc_symbols"]}
got = {name: (s["kind"], s["type"]) for name, s in symbols.items()}
want = {"acc": ("Var", "[*]f32"), "scale": ("Func", "void"), "doubled": ("Func", "u16"),
        "negated": ("Func", "f32")}
assert got == want, f"out_rpc.json kinds and types: {got}, want {want}"

api = get_api_info_dict(args.name)
assert api == {"scale": (["k"], ["f32"]), "doubled": (["x"], ["u16"]),
               "negated": (["a", "shift"], ["f32", "i16"])}, api
assert check_rpc_api("doubled", [21], api)
assert check_rpc_api("negated", [np.float32(1.5), -3], api)

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
acc = runner.get_id("acc")
runner.load()
runner.run()
runner.memcpy_h2d(acc, np.ones(2 * N, np.float32), 0, 0, 2, 1, N, streaming=False,
                  order=MemcpyOrder.ROW_MAJOR, data_type=MemcpyDataType.MEMCPY_32BIT,
                  nonblock=False)
runner.launch("scale", np.float32(3.0), nonblock=False)
runner.launch("doubled", np.uint16(21), nonblock=False)
runner.launch("negated", np.float32(1.5), np.int16(-3), nonblock=False)
out = np.zeros(2 * N, np.float32)
runner.memcpy_d2h(out, acc, 0, 0, 2, 1, N, streaming=False, order=MemcpyOrder.ROW_MAJOR,
                  data_type=MemcpyDataType.MEMCPY_32BIT, nonblock=False)
runner.stop()
want_pe = [42.0, -1.5, -3.0, 3.0]
np.testing.assert_array_equal(out, np.array(want_pe * 2, np.float32))
print("SUCCESS!")

#!/usr/bin/env cs_python
"""sdklayout-compile-options: SdkLayout.compile()'s options.

The same 2x1 region (placed at (0, 0), the layout's corner) is compiled twice: once with
f16_type=FP16TYPE.F16 into out_prefix "build/f16" by the appliance, once with
f16_type=FP16TYPE.BF16 into "build/bf16" by the cslc found on PATH (cslc_prefix). Both
compiles get the region's helper module through libs=["csllib"], and the layouts are
made from a target (SdkLayout(SdkTarget...)) rather than a platform. Each program
narrows f32 values with @fs2h; the 16-bit results read back with read_symbol must be
numpy's float16 bits (F16) and the round-to-nearest-even bfloat16 bits (BF16)."""
import argparse
import json
import os
import shutil

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import (  # pylint: disable=no-name-in-module
    FP16TYPE,
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

target = SdkTarget.WSE3 if args.arch == "wse3" else SdkTarget.WSE2
platform = get_platform(args.cmaddr, SimfabConfig(), target)
N = 24


def model(col):
    i = np.arange(N, dtype=np.float32)
    num = (2 * i + 1).astype(np.float32)
    den = np.float32(3 + 2 * col)
    return (num / den - np.float32(0.25) * i).astype(np.float32)


def bf16_bits(v):
    bits = v.view(np.uint32).astype(np.uint64)
    rounded = bits + 0x7FFF + ((bits >> 16) & 1)  # round to nearest, ties to even
    return (rounded >> 16).astype(np.uint16)


def build(f16_type, out_prefix, cslc_prefix):
    layout = SdkLayout(target)
    region = layout.create_code_region("./kernels/narrow.csl", "narrow", 2, 1)
    region.set_param_all("n", N)
    region.set_param((0, 0), "col", 0)
    region.set_param((1, 0), "col", 1)
    region.place(0, 0)
    return layout.compile(out_prefix=out_prefix, libs=["csllib"], cslc_prefix=cslc_prefix,
                          f16_type=f16_type)


cslc = shutil.which("cslc")
assert cslc, "cslc is not on PATH"
cases = [(FP16TYPE.F16, "build/f16", "", lambda v: v.astype(np.float16).view(np.uint16)),
         (FP16TYPE.BF16, "build/bf16", cslc, bf16_bits)]
for f16_type, out_prefix, cslc_prefix, bits in cases:
    artifacts = build(f16_type, out_prefix, cslc_prefix)
    assert os.path.isdir(out_prefix), out_prefix
    with open(os.path.join(out_prefix, "sdklayout.json"), encoding="utf-8") as f:
        assert json.load(f)["regions"]["narrow"] == [0, 0]
    runtime = SdkRuntime(artifacts, platform, memcpy_required=False)
    runtime.load()
    runtime.run()
    runtime.stop()
    for col in range(2):
        got = runtime.read_symbol(col, 0, "half", dtype="uint16")
        want = bits(model(col))
        np.testing.assert_array_equal(got, want, err_msg=f"{f16_type} PE ({col}, 0)")
        wide = runtime.read_symbol(col, 0, "wide", dtype="float32")
        np.testing.assert_array_equal(wide, model(col), err_msg=f"{f16_type} f32 PE {col}")
print("SUCCESS!")

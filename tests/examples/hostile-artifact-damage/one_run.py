#!/usr/bin/env cs_python
"""hostile-artifact-damage: one session on a (possibly damaged) output directory. Prints
one line `RESULT <kind> <message>`: `ok` when every value matches float32 arithmetic,
`wrong` when the run completed with other values, `refused` with the exception when the
SDK classes refused (FileNotFoundError, NotADirectoryError, IsADirectoryError,
ValueError, ApplianceError); anything else propagates as a traceback, which run.py
counts as a failure."""
import argparse
import json
import sys

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder
from cerebras.sdk._connection import ApplianceError
from cerebras.sdk.sdk_utils import get_api_info_dict

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--api", action="store_true", help="also call sdk_utils.get_api_info_dict")
args = parser.parse_args()
N, BIAS = 4, np.float32(0.5)


def session():
    if args.api:
        api = get_api_info_dict(args.name)
        assert "scale" in api, api
    runner = SdkRuntime(args.name)
    try:
        v = runner.get_id("v")
        runner.load()
        runner.run()
        start = np.arange(2 * N, dtype=np.float32)
        runner.memcpy_h2d(v, start, 0, 0, 2, 1, N, streaming=False,
                          order=MemcpyOrder.ROW_MAJOR, data_type=MemcpyDataType.MEMCPY_32BIT,
                          nonblock=False)
        runner.launch("scale", np.float32(3.0), nonblock=False)
        got = np.zeros(2 * N, np.float32)
        runner.memcpy_d2h(got, v, 0, 0, 2, 1, N, streaming=False, order=MemcpyOrder.ROW_MAJOR,
                          data_type=MemcpyDataType.MEMCPY_32BIT, nonblock=False)
    finally:
        try:
            runner.stop()
        except ApplianceError:
            pass  # the session already ended with the error being reported
    return "ok" if np.array_equal(got, start * np.float32(3.0) + BIAS) else "wrong"


try:
    kind, message = session(), ""
except (FileNotFoundError, NotADirectoryError, IsADirectoryError, ValueError,
        ApplianceError) as e:
    kind, message = "refused", f"{type(e).__name__}: {e}"
print("RESULT", kind, json.dumps(message))
sys.stdout.flush()

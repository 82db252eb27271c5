#!/usr/bin/env cs_python
"""rpc-arg-types: launch with Python and numpy scalars of each type, call with packed
words (an int list and a numpy array), and a nonblocking no-argument launch."""
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
width, height = int(params["width"]), int(params["height"])
record_len = 7

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
record_id = runner.get_id("record")
calls_id = runner.get_id("calls")
runner.load()
runner.run()


def read_records():
    out = np.zeros(width * height * record_len, dtype=np.uint32)
    runner.memcpy_d2h(out, record_id, 0, 0, width, height, record_len, streaming=False,
                      order=MemcpyOrder.ROW_MAJOR, data_type=MemcpyDataType.MEMCPY_32BIT,
                      nonblock=False)
    return out.reshape(height, width, record_len)


def expected(scale, bias, count, negate, tag, small, half):
    rec = np.zeros((height, width, record_len), dtype=np.uint32)
    for y in range(height):
        for x in range(width):
            scaled = np.float32(scale) * np.float32(x + 1)
            rec[y, x, 0] = np.float32(-scaled if negate else scaled).view(np.uint32)
            rec[y, x, 1] = (bias + x * count + y) & 0xFFFFFFFF  # i32 wraps
            rec[y, x, 2] = int(negate)
            rec[y, x, 3] = tag ^ ((y << 16) | x)
            rec[y, x, 4] = np.int32(small).view(np.uint32)
            rec[y, x, 5] = (np.float32(np.float16(half)) * np.float32(2)).view(np.uint32)
            rec[y, x, 6] = (count + int(np.int32(small).view(np.uint32)) + tag) & 0xFFFFFFFF
    return rec


# 1. launch with plain Python values.
runner.launch("take_all", 1.5, -70000, 3, True, 0xDEADBEEF, -2, 0.375, nonblock=False)
np.testing.assert_array_equal(read_records(), expected(1.5, -70000, 3, True, 0xDEADBEEF, -2, 0.375))

# 2. launch with numpy scalars, nonblocking, followed by a nonblocking no-argument launch.
t1 = runner.launch("take_all", np.float32(-0.25), np.int32(2**31 - 100), np.uint16(65535),
                   np.bool_(False), np.uint32(7), np.int16(-32768), np.float16(-6.5), nonblock=True)
t2 = runner.launch("take_none", nonblock=True)
runner.task_wait(t2)
assert runner.is_task_done(t1)
np.testing.assert_array_equal(
    read_records(), expected(-0.25, 2**31 - 100, 65535, False, 7, -32768, -6.5))

# 3. call with the packed form: one u32 word per argument, 16-bit values in the low half.
words = [np.float32(3.0).view(np.uint32), np.int32(-5).view(np.uint32), 40, 1, 0x12345678,
         np.int16(-300).view(np.uint16), np.float16(1.25).view(np.uint16)]
runner.call("take_all", [int(w) for w in words], nonblock=False)
np.testing.assert_array_equal(read_records(), expected(3.0, -5, 40, True, 0x12345678, -300, 1.25))
packed = np.array([np.float32(0.5).view(np.uint32), 9, 2, 0, 0, 300,
                   np.float16(-0.125).view(np.uint16)], dtype=np.uint32)
runner.call("take_all", packed, nonblock=False)
runner.call("take_none", [], nonblock=False)

record = read_records()
calls = np.zeros(width * height, dtype=np.uint32)
runner.memcpy_d2h(calls, calls_id, 0, 0, width, height, 1, streaming=False,
                  order=MemcpyOrder.COL_MAJOR, data_type=MemcpyDataType.MEMCPY_32BIT, nonblock=False)
runner.stop()

np.testing.assert_array_equal(record, expected(0.5, 9, 2, False, 0, 300, -0.125))
np.testing.assert_array_equal(calls, np.full(width * height, 4 + 200, dtype=np.uint32))
print("SUCCESS!")

#!/usr/bin/env cs_python
"""single-file-crc: the polynomial, initial value and buffer size come from out.json;
the device's table entries, its comptime check value and the CRC of chunks sent over
several launches are checked against a bitwise Python CRC-16."""
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
poly, init, max_words = int(params["poly"]), int(params["init"]), int(params["max_words"])


def crc16(data, crc):
    for byte in data:
        crc ^= byte << 8
        for _ in range(8):
            crc = ((crc << 1) ^ poly if crc & 0x8000 else crc << 1) & 0xFFFF
    return crc


def table_entry(b):
    return crc16([b], 0)


runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
words_id, state_id = runner.get_id("words"), runner.get_id("state")
runner.load()
runner.run()

u16 = MemcpyDataType.MEMCPY_16BIT


def state():
    got = np.zeros(5, dtype=np.uint32)
    runner.memcpy_d2h(got, state_id, 0, 0, 1, 1, 5, streaming=False,
                      order=MemcpyOrder.ROW_MAJOR, data_type=u16, nonblock=False)
    return [int(v) for v in got]


s = state()
assert s[0] == init and s[1] == 0, s
assert s[2] == crc16(b"123456789", init), (hex(s[2]), hex(crc16(b"123456789", init)))
assert s[3] == table_entry(1) and s[4] == table_entry(255), s

rng = np.random.default_rng(16)
crc, seen = init, 0
for n in (max_words, 1, 0, 17, max_words):
    chunk = rng.integers(0, 1 << 16, size=max_words, dtype=np.uint32)
    runner.memcpy_h2d(words_id, chunk, 0, 0, 1, 1, max_words, streaming=False,
                      order=MemcpyOrder.ROW_MAJOR, data_type=u16, nonblock=False)
    runner.launch("checksum", np.uint16(n), nonblock=False)
    data = [b for w in chunk[:n] for b in (int(w) >> 8, int(w) & 0xFF)]
    crc, seen = crc16(data, crc), seen + n
    s = state()
    assert s[0] == crc and s[1] == seen, (n, hex(s[0]), hex(crc), s[1], seen)

runner.launch("restart", nonblock=False)
message = np.frombuffer(b"123456789\x00", dtype=">u2").astype(np.uint32)  # high byte first
padded = np.zeros(max_words, dtype=np.uint32)
padded[:message.size] = message
runner.memcpy_h2d(words_id, padded, 0, 0, 1, 1, max_words, streaming=False,
                  order=MemcpyOrder.ROW_MAJOR, data_type=u16, nonblock=False)
runner.launch("checksum", np.uint16(4), nonblock=False)  # "12345678"
s = state()
assert s[0] == crc16(b"12345678", init) and s[1] == 4, (hex(s[0]), s[1])

runner.stop()
print("SUCCESS!")

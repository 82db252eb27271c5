#!/usr/bin/env cs_python
"""typed-tables: two launches (each clears the three tables) of 24 and 17 items; every
slot of each table (key and value bits), the key counts and the total probe count must
equal a Python replay of the same open-addressing inserts with numpy f32/f16/i16/u16
arithmetic."""
import argparse

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

N, MAXI = 16, 24
M32 = 0xFFFFFFFF


def h_u16(k):
    return (((k * 40503) & M32) >> 3) % N


def h_i32(bits):
    return ((bits ^ (bits >> 7)) >> 3) % N


def h_f16(bits):
    return (((bits * 3 + 1) & M32) >> 3) % N


class Table:
    def __init__(self, hash_of, zero):
        self.hash_of, self.zero = hash_of, zero
        self.keys, self.vals, self.used = [None] * N, [None] * N, [False] * N
        self.count = self.probes = 0

    def add(self, key, hkey, v, same):
        slot = self.hash_of(hkey)
        while self.used[slot] and not same(self.keys[slot], key):
            slot = (slot + 1) % N
            self.probes += 1
        if not self.used[slot]:
            self.used[slot], self.keys[slot], self.vals[slot] = True, key, self.zero
            self.count += 1
        self.vals[slot] = self.vals[slot] + v


def model(items):
    by_id = Table(h_u16, np.float32(0))
    by_offset = Table(h_i32, np.uint16(0))
    by_level = Table(h_f16, np.int16(0))
    with np.errstate(over="ignore"):
        for kw, vw in items:
            k1 = kw & 0xF
            by_id.add(k1, k1, np.uint32(vw).view(np.float32) * np.float32(0.5), lambda a, b: a == b)
            k2 = int(np.int32(np.uint32(kw).view(np.int32)) >> 20)
            by_offset.add(k2, k2 & M32, np.uint16((vw & 0xFF) + 1), lambda a, b: a == b)
            k3 = np.float16(kw & 7) * np.float16(-0.25)
            by_level.add(k3, int(k3.view(np.uint16)), np.int16(-3), lambda a, b: a == b)
    rep = np.zeros(3 * 2 * N + 3, dtype=np.uint32)
    for base, t, kb, vb in ((0, by_id, lambda k: k, lambda v: int(v.view(np.uint32))),
                            (32, by_offset, lambda k: k & M32, lambda v: int(v)),
                            (64, by_level, lambda k: int(k.view(np.uint16)),
                             lambda v: int(v.view(np.uint16)))):
        for i in range(N):
            if t.used[i]:
                rep[base + 2 * i] = kb(t.keys[i])
                rep[base + 2 * i + 1] = vb(t.vals[i])
    rep[96], rep[97] = by_id.count, by_offset.count
    rep[98] = by_id.probes + by_offset.probes + by_level.probes
    return rep


rng = np.random.default_rng(7)
highs = [0x000, 0x7FF, 0x800, 0xFFF, 0x123, 0xABC, 0x001, 0x555]  # kw >> 20 (signed)
runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
words_id = runner.get_id("words")
report_id = runner.get_id("report")
runner.load()
runner.run()
row = MemcpyOrder.ROW_MAJOR
for count in (24, 17):
    items = []
    for _ in range(count):
        kw = (int(rng.choice(highs)) << 20) | int(rng.integers(0, 1 << 20))
        vw = int(np.float32(rng.uniform(-100, 100)).view(np.uint32))
        items.append((kw, vw))
    words = np.zeros(2 * MAXI, dtype=np.uint32)
    words[:2 * count] = np.array(items, dtype=np.uint32).ravel()
    runner.memcpy_h2d(words_id, words, 0, 0, 1, 1, 2 * MAXI, streaming=False, order=row,
                      data_type=MemcpyDataType.MEMCPY_32BIT, nonblock=False)
    runner.launch("load", np.uint16(count), nonblock=False)
    got = np.zeros(3 * 2 * N + 3, dtype=np.uint32)
    runner.memcpy_d2h(got, report_id, 0, 0, 1, 1, got.size, streaming=False, order=row,
                      data_type=MemcpyDataType.MEMCPY_32BIT, nonblock=False)
    want = model(items)
    bad = [(i, hex(g), hex(w)) for i, (g, w) in enumerate(zip(got, want)) if g != w]
    assert not bad, f"{count} items: (word, got, expected) {bad}"
runner.stop()
print("SUCCESS!")
